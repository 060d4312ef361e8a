package im.tlim.inbound;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.settings.Settings;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** A user may send a burst, then at the rate; the limit is per user and can be switched off. */
class RateLimiterTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFullBucketGivesTheBurstThenRefillsAtTheRate() {
    RateLimiter.TokenBucket bucket = new RateLimiter.TokenBucket(3, 0);
    assertTrue(bucket.take(2, 3, 0));
    assertTrue(bucket.take(2, 3, 0));
    assertTrue(bucket.take(2, 3, 0));
    assertFalse(bucket.take(2, 3, 0), "the burst is spent");
    assertFalse(bucket.take(2, 3, SECOND / 4), "half a token after a quarter second");
    assertTrue(bucket.take(2, 3, SECOND / 2), "one token after half a second at 2/s");
    assertFalse(bucket.take(2, 3, SECOND / 2));
  }

  @Test
  void aBucketRefillsNoFurtherThanTheBurst() {
    RateLimiter.TokenBucket bucket = new RateLimiter.TokenBucket(2, 0);
    int taken = 0;
    while (bucket.take(10, 2, 100 * SECOND)) {
      taken++;
    }
    assertTrue(taken == 2, "taken " + taken);
  }

  @Test
  void aLowerBurstAppliesToAnExistingBucket() {
    RateLimiter.TokenBucket bucket = new RateLimiter.TokenBucket(50, 0);
    assertTrue(bucket.take(1, 1, 0));
    assertFalse(bucket.take(1, 1, 0), "capped at the new burst of 1");
  }

  @Test
  void eachUserHasABucketOfTheirOwn() throws Exception {
    RateLimiter limiter = limiter();
    withRate("0.001", "2");
    try {
      assertTrue(limiter.tryAcquire("alice"));
      assertTrue(limiter.tryAcquire("alice"));
      assertFalse(limiter.tryAcquire("alice"));
      assertTrue(limiter.tryAcquire("bob"), "alice's flood costs bob nothing");
    } finally {
      withRate(null, null);
    }
  }

  @Test
  void aRateOfZeroSwitchesTheLimitOff() throws Exception {
    RateLimiter limiter = limiter();
    withRate("0", "1");
    try {
      for (int i = 0; i < 1000; i++) {
        assertTrue(limiter.tryAcquire("alice"));
      }
    } finally {
      withRate(null, null);
    }
  }

  private static RateLimiter limiter() throws Exception {
    RateLimiter limiter = new RateLimiter();
    Field settings = RateLimiter.class.getDeclaredField("settings");
    settings.setAccessible(true);
    settings.set(limiter, new Settings());
    return limiter;
  }

  private static void withRate(String perSecond, String burst) {
    set(Settings.RATE_PER_SECOND.property(), perSecond);
    set(Settings.RATE_BURST.property(), burst);
  }

  private static void set(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
