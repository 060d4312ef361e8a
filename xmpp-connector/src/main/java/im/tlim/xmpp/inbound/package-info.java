/**
 * Inbound delivery: activation specs, one {@link im.tlim.xmpp.inbound.EndpointActivation} per
 * activated message-driven bean, the Work that hands one stanza to one endpoint instance, the
 * per-sender ordered queues with their bounds, and the refusals past those bounds.
 */
package im.tlim.xmpp.inbound;
