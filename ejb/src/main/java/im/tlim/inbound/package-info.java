/**
 * The entry point for everything clients send over XMPP: the message-driven bean the XMPP connector
 * delivers to, which hands each envelope to the services and answers the sender.
 */
package im.tlim.inbound;
