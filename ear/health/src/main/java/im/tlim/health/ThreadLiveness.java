package im.tlim.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive unless threads of the JVM are deadlocked: that never heals by itself, so a restart is the
 * cure. Nothing outside the process (database, XMPP server) is checked here: their outages make the
 * service unready, and restarting it would not bring them back.
 */
@Liveness
@ApplicationScoped
public class ThreadLiveness implements HealthCheck {

  static final String NAME = "tlim-threads";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Override
  public HealthCheckResponse call() {
    long[] deadlocked = THREADS.findDeadlockedThreads();
    int count = deadlocked == null ? 0 : deadlocked.length;
    return HealthCheckResponse.named(NAME).status(count == 0).withData("deadlocked", count).build();
  }
}
