/**
 * Outbound connections: the managed connection factory the server pools, and the handles the
 * application gets from {@link im.tlim.xmpp.api.XmppConnectionFactory}. Every handle writes to the
 * adapter's one component stream.
 */
package im.tlim.xmpp.outbound;
