package im.tlim.observability;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * What health and metrics ask the database: whether it answers, and two counts. Every question runs
 * on the managed executor, and while one is out, later callers share it rather than pile up
 * threads: a connection attempt to an unreachable host can hang far longer than a probe may.
 * Readiness waits at most {@link #WAIT_SECONDS}; a metrics scrape never waits (it runs on the
 * management interface's I/O thread): it gets the last answer, at most {@link #MAX_AGE_NANOS} old,
 * and a stale one starts a new question. So the counts cost at most one {@code count(*)} each per
 * five seconds, and none while nobody reads them.
 *
 * <p>{@code @Dependent}, not {@code @ApplicationScoped}: the gauges call it on a server thread
 * where the application's CDI contexts are not active, so it must be the object itself, not a
 * client proxy. Each user (the metrics, each health check) has its own, asking its own questions.
 */
@Dependent
public class ObservedDatabase {

  static final int WAIT_SECONDS = 2;
  static final long MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(5);

  @Resource(lookup = "java:jboss/datasources/TlimDS")
  private DataSource dataSource;

  @Resource private ManagedExecutorService executor;

  private final Question ping = new Question("select 1");
  private final Question backlog = new Question("select count(*) from tlim_inbox");
  private final Question deadLetters = new Question("select count(*) from tlim_dead_letter");

  /**
   * Null when the database answers {@code select 1} within {@link #WAIT_SECONDS}, else what is
   * wrong.
   */
  public String problem() {
    try {
      ping.ask().get(WAIT_SECONDS, TimeUnit.SECONDS);
      return null;
    } catch (TimeoutException e) {
      return "no answer within " + WAIT_SECONDS + " s";
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Rows in the offline store, as last counted; NaN before the first answer or while failing. */
  public double offlineBacklog() {
    return backlog.lastAnswer();
  }

  /** Dead letters kept, as last counted; NaN before the first answer or while failing. */
  public double deadLetters() {
    return deadLetters.lastAnswer();
  }

  /**
   * Dead letters kept, waiting at most {@link #WAIT_SECONDS} when there is no fresh count; empty
   * when unknown.
   */
  public OptionalLong deadLetterCount() {
    double count = deadLetters.freshAnswer();
    return Double.isNaN(count) ? OptionalLong.empty() : OptionalLong.of((long) count);
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(WAIT_SECONDS);
      try (ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** One question: the query out if any, and the last answer with its age. */
  private final class Question {
    private final String sql;
    private Future<Long> pending;
    private double answer = Double.NaN;
    private long answeredAt;

    Question(String sql) {
      this.sql = sql;
    }

    /** The query out, or a new one; its result is kept as the last answer. */
    synchronized Future<Long> ask() {
      if (pending == null || pending.isDone()) {
        pending =
            executor.submit(
                () -> {
                  try {
                    long value = count(sql);
                    answered(value);
                    return value;
                  } catch (SQLException | RuntimeException e) {
                    answered(Double.NaN);
                    throw e;
                  }
                });
      }
      return pending;
    }

    private synchronized void answered(double value) {
      answer = value;
      answeredAt = System.nanoTime();
    }

    private synchronized boolean isFresh() {
      return answeredAt != 0 && System.nanoTime() - answeredAt < MAX_AGE_NANOS;
    }

    /** Never waits; a stale answer starts a new question. */
    double lastAnswer() {
      if (!isFresh()) {
        ask();
      }
      synchronized (this) {
        return answer;
      }
    }

    /** Waits for a new answer (at most {@link #WAIT_SECONDS}) when the last is stale. */
    double freshAnswer() {
      if (!isFresh()) {
        try {
          ask().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
          return Double.NaN;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Double.NaN;
        }
      }
      synchronized (this) {
        return answer;
      }
    }
  }
}
