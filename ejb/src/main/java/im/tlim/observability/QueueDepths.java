package im.tlim.observability;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * How many messages wait in each JMS queue, read from the server's management model (its {@code
 * jms-queue} resources, which WildFly publishes as {@code jboss.as} MBeans): a counter Artemis
 * keeps, so the read costs the same whatever the depth, unlike browsing the queue. Read at most
 * once per five seconds. A plain object of {@link ServiceMetrics}, read by its gauges.
 */
final class QueueDepths {

  private static final TlimLogger LOG = TlimLogger.of(QueueDepths.class);
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
  private static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private Map<String, Double> depths = Map.of();
  private long readAt;
  private boolean failureLogged;

  /** The queue's depth, or NaN when it cannot be read. */
  synchronized double depth(String queue) {
    long now = System.nanoTime();
    if (readAt == 0 || now - readAt >= MAX_AGE_NANOS) {
      Map<String, Double> read = new HashMap<>();
      for (String each : ServiceMetrics.QUEUES) {
        read.put(each, read(each));
      }
      depths = read;
      readAt = now;
    }
    return depths.getOrDefault(queue, Double.NaN);
  }

  private double read(String queue) {
    try {
      ObjectName name =
          new ObjectName("jboss.as:subsystem=messaging-activemq,server=default,jms-queue=" + queue);
      return ((Number) JMX.getAttribute(name, "messageCount")).doubleValue();
    } catch (JMException | RuntimeException e) {
      if (!failureLogged) {
        failureLogged = true; // once: a missing queue stays missing
        LOG.queueDepthUnreadable(queue, e.toString());
      }
      return Double.NaN;
    }
  }
}
