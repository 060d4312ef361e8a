/**
 * The entry point for everything clients send over XMPP: the message-driven bean the XMPP connector
 * delivers to, which hands each envelope to the services and answers the sender.
 *
 * <p>Also the per-user rate limit ({@link im.tlim.inbound.RateLimiter}), which this consumer and
 * the live WebSocket both apply to what a user sends.
 */
package im.tlim.inbound;
