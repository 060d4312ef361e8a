/**
 * Delivery: copies of envelopes waiting in a persistent JMS queue, and the consumer that sends each
 * through the XMPP connector, to live pages and to push, in an order that makes a redelivery
 * harmless; the session order they keep and the store read that withholds what was recalled since
 * it was queued (SessionOrder, SessionLog). A send that fails rolls back, so the broker redelivers
 * it (then dead-letters it after the configured attempts).
 */
package im.tlim.delivery;
