/**
 * The user directory: who exists, their display names, first contact over XMPP, which ids can be
 * users at all ({@link im.tlim.user.UserIds}: not the server's own, XMPP localparts only), and that
 * a removed user stays refused ({@link im.tlim.user.Contacts}).
 */
package im.tlim.user;
