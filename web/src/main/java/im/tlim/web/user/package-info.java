/**
 * The user directory and push registration ({@link im.tlim.web.user.UserResource}): addUser (one
 * user or a list), removeUser, and registerAppPushCode (a device's push code).
 */
package im.tlim.web.user;
