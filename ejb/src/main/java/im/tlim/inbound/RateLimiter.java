package im.tlim.inbound;

import im.tlim.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user limit on envelopes sent (over XMPP and the live WebSocket alike): a token bucket of
 * {@link Settings#RATE_BURST} envelopes refilled at {@link Settings#RATE_PER_SECOND}, both read on
 * each call. An envelope over the limit is refused with error-024; the connection stays open and
 * the user may go on once the bucket refills. Held per node, in memory.
 *
 * <p><b>Why not a library.</b> Bucket4j ({@code com.bucket4j:bucket4j_jdk17-core} 8.14, with the
 * shared backends {@code bucket4j_jdk17-postgresql}, {@code -jcache} and {@code -infinispan})
 * resolves here. Its in-memory bucket is what the few lines below do, so it is worth taking only
 * for the state two nodes would share. Those backends cost a round trip per acquire: with
 * PostgreSQL a locked row update per envelope, where the accept path pays one database commit per
 * batch of up to 64 envelopes; with JCache/Infinispan a clustered cache, which the full profile
 * tlim runs on does not have. Bucket4j's optimisations that save those round trips let each node
 * spend ahead of the shared count for a while, which is what a per-node share of the budget (each
 * of N nodes allowing rate/N and burst/N) gives without any shared state. So this stays small until
 * a second node exists; then the per-node share is the first step, and Bucket4j with a clustered
 * backend the one to take if the budget must be exact. This class is the one place to change
 * (docs/architecture.md, "Rate limit").
 */
@ApplicationScoped
public class RateLimiter {

  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  @Inject private Settings settings;

  /** Takes one envelope's worth from the user's bucket; false when it is empty. */
  public boolean tryAcquire(String userId) {
    double perSecond = settings.ratePerSecond();
    if (perSecond <= 0) {
      return true; // limit switched off
    }
    int burst = Math.max(1, settings.rateBurst());
    long now = System.nanoTime();
    return buckets
        .computeIfAbsent(userId, u -> new TokenBucket(burst, now))
        .take(perSecond, burst, now);
  }

  /**
   * One user's bucket: starts full, refills continuously up to {@code burst}, and is told the rate
   * and burst on each take, so a changed setting applies to existing buckets at once.
   */
  static final class TokenBucket {
    private double tokens;
    private long refilledAt;

    TokenBucket(int burst, long nanoTime) {
      tokens = burst;
      refilledAt = nanoTime;
    }

    /** Takes one token at {@code nanoTime}; false when less than one is left. */
    synchronized boolean take(double perSecond, int burst, long nanoTime) {
      tokens = Math.min(burst, tokens + (nanoTime - refilledAt) / 1e9 * perSecond);
      refilledAt = nanoTime;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
