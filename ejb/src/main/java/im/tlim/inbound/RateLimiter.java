package im.tlim.inbound;

import im.tlim.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user limit on envelopes sent (over XMPP and the live WebSocket alike): a token bucket of
 * {@code tlim.rate.burst} envelopes refilled at {@code tlim.rate.per-second}. An envelope over the
 * limit is refused with error-024; the connection stays open and the user may go on once the bucket
 * refills. Held per node, in memory.
 */
@ApplicationScoped
public class RateLimiter {

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Inject private Settings settings;

  /** Takes one envelope's worth from the user's bucket; false when it is empty. */
  public boolean tryAcquire(String userId) {
    double perSecond = settings.ratePerSecond();
    if (perSecond <= 0) {
      return true; // limit switched off
    }
    int burst = Math.max(1, settings.rateBurst());
    return buckets
        .computeIfAbsent(userId, u -> new Bucket(burst))
        .take(perSecond, burst, System.nanoTime());
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt = System.nanoTime();

    Bucket(int burst) {
      tokens = burst;
    }

    synchronized boolean take(double perSecond, int burst, long now) {
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
