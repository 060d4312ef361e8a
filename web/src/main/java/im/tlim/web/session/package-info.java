/**
 * The group session operations ({@link im.tlim.web.session.SessionResource}): addSession (create,
 * MTS-105 to every member), modifySession (rename, invite, remove, quit), deleteSession and
 * dissolved (close the group), findSessions and findWebSessions (a user's conversations, the latter
 * with 1:1 chats, for the web client), findSession and findSubscribers (one group and its members),
 * findPresence (its members online or not, an open web page counting as online) and
 * updateSessionPic. 1:1 chats are not created here: they come with their first message.
 */
package im.tlim.web.session;
