/** The user directory: who exists, their display names, and first contact over XMPP. */
package im.tlim.user;
