/**
 * The user directory and push registration ({@link im.tlim.web.user.UserResource}): addUser (one
 * user or a list), removeUser, registerAppPushCode (a device's push code) and findUsers (a page of
 * the directory, for a people picker).
 */
package im.tlim.web.user;
