/**
 * Outbound connections, as Jakarta Connectors defines them. {@link
 * im.tlim.xmpp.outbound.XmppManagedConnectionFactory} is the connection definition the operator
 * configures; it creates the {@link im.tlim.xmpp.outbound.PooledXmppConnectionFactory} the server
 * binds in JNDI, whose {@code getConnection()} allocates through the server's pool of {@link
 * im.tlim.xmpp.outbound.XmppManagedConnection}s; the application holds an {@link
 * im.tlim.xmpp.outbound.XmppConnectionHandle}. None of them holds a socket: every handle writes to
 * the adapter's one component stream, and a send while it is down throws {@code ResourceException}.
 */
package im.tlim.xmpp.outbound;
