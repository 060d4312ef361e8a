/**
 * Inbound delivery: activation specs, one {@link im.tlim.xmpp.inbound.EndpointActivation} per
 * activated message-driven bean, and the Work that hands one stanza to one endpoint instance.
 */
package im.tlim.xmpp.inbound;
