package im.tlim.error;

import im.tlim.observability.TlimLogger;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells a failure of something the service depends on (the database, the broker, the connection
 * pool in front of them) from a fault of the service itself. The first is answered error-025 with
 * "retry later" (HTTP 503) and logged briefly, because during an outage every request fails the
 * same way; the second is a bug, answered 500 and logged with its stack.
 */
public final class Unavailability {

  private static final long QUIET_NANOS = 5_000_000_000L;
  private static final AtomicLong lastReported = new AtomicLong(System.nanoTime() - QUIET_NANOS);
  private static final AtomicLong suppressed = new AtomicLong();

  private Unavailability() {}

  /** Whether {@code failure} (or a cause of it) says a dependency is unreachable or gave up. */
  public static boolean isCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && isTransient(sql)) {
        return true;
      }
      String type = t.getClass().getName();
      if (type.startsWith("jakarta.resource.")
          || type.startsWith("jakarta.jms.")
          || type.equals("jakarta.transaction.RollbackException")
          || type.equals("jakarta.transaction.SystemException")
          || type.equals("jakarta.transaction.HeuristicMixedException")
          || type.equals("java.net.ConnectException")) {
        return true;
      }
    }
    return false;
  }

  /**
   * SQL states that describe the connection or the server rather than the statement: 08
   * (connection), 53 (resources), 57 (operator intervention, e.g. a shutdown), 40 (the transaction
   * was rolled back: a deadlock or serialisation failure, worth a retry), and none at all (the
   * pool's own failures).
   */
  private static boolean isTransient(SQLException sql) {
    String state = sql.getSQLState();
    return state == null
        || state.startsWith("08")
        || state.startsWith("53")
        || state.startsWith("57")
        || state.startsWith("40");
  }

  /**
   * Logs an outage without flooding the log: the first failure with its cause, then at most one
   * line every five seconds with the number of failures in between.
   */
  public static void report(Class<?> owner, String what, Throwable failure) {
    long now = System.nanoTime();
    long last = lastReported.get();
    if (now - last < QUIET_NANOS || !lastReported.compareAndSet(last, now)) {
      suppressed.incrementAndGet();
      return;
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    TlimLogger.of(owner).dependencyUnavailable(what, root.toString(), suppressed.getAndSet(0));
  }
}
