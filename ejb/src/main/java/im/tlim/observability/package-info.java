/**
 * Observability: the service's metrics ({@link im.tlim.observability.ServiceMetrics}, one bean
 * every call site records through, published by WildFly's Micrometer subsystem), its coded log
 * messages ({@link im.tlim.observability.TlimLogger}, TLIM01xx), and the cheap, bounded reads of
 * the database and the JMS queues that the metrics and the health checks (the {@code ear/health}
 * module, {@code im.tlim.health}) need.
 */
package im.tlim.observability;
