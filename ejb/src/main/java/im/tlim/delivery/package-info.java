/**
 * Delivery: copies of envelopes waiting in a persistent JMS queue (DeliveryQueue, Dispatch), and
 * the consumer that sends each (DeliveryConsumer) in three steps: the session order the copies keep
 * and the store read that catches up what is missing and withholds what was recalled since it was
 * queued (SessionOrder, SessionLog); the decision of who gets a copy, on which device, by which
 * channel, from one snapshot of the devices online (CopyPlan, DeviceSnapshot: plain values, no side
 * effect); and the sends through the XMPP connector (XmppGateway), to live pages and to push, in an
 * order that makes a redelivery harmless. A send that fails rolls back, so the broker redelivers it
 * (then dead-letters it after the configured attempts).
 */
package im.tlim.delivery;
