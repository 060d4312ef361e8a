/**
 * Observability: the service's metrics ({@link im.tlim.observability.ServiceMetrics}, one bean
 * every call site records through, published by WildFly's Micrometer subsystem), and the cheap,
 * bounded reads of the database and the JMS queues that the metrics and the health checks (web
 * module, {@code im.tlim.web.health}) need.
 */
package im.tlim.observability;
