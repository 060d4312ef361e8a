/**
 * Dead letters: messages of the tlim JMS queues that the broker gave up on. They are moved from the
 * {@code tlim.dead-letter} queue into a table, with the reason each first failed (recorded by an
 * interceptor around the JMS consumers), counted in the metrics and the readiness details, and
 * listed and redriven through the HTTP API by the service role.
 */
package im.tlim.deadletter;
