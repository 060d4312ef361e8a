/**
 * Inbound delivery to message-driven beans. {@link im.tlim.xmpp.inbound.XmppActivationSpec} is what
 * one bean asks for (stanza kinds, message types, per-sender order, batches and their linger,
 * lanes, queue bounds); {@link im.tlim.xmpp.inbound.EndpointActivation} is one activated bean with
 * its own scheduling; {@link im.tlim.xmpp.inbound.SenderOrderedScheduler} runs one sender's (or
 * lane's) deliveries one at a time in arrival order, batching what queued up (or lingers for it)
 * and bounding what waits; {@link im.tlim.xmpp.inbound.InboundDelivery} is the Work that hands one
 * stanza or one batch to one endpoint instance (before/afterDelivery paired, release in {@code
 * finally}); {@link im.tlim.xmpp.inbound.Refusals} takes the messages past the bounds to the bean's
 * {@code onRefused}, itself bounded.
 */
package im.tlim.xmpp.inbound;
