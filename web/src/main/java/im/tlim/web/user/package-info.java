/** The user directory (addUser, removeUser) and push registration (registerAppPushCode). */
package im.tlim.web.user;
