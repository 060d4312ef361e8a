package im.tlim.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Presence holds for one component stream; a registry is current only once that stream was probed.
 */
class PresenceRegistryTest {

  /** A registry current for stream 1, on which bob's phone is available. */
  private static PresenceRegistry bobOnHisPhoneOnStream1() {
    PresenceRegistry registry = new PresenceRegistry();
    registry.streamIs(1);
    registry.available("bob", "phone", DeviceClass.MOBILE, 1);
    registry.probeAnswered(1);
    return registry;
  }

  @Test
  void aNewStreamForgetsWhatTheOldOneSaid() {
    PresenceRegistry registry = bobOnHisPhoneOnStream1();
    assertTrue(registry.isCurrent());
    assertEquals(Set.of("phone"), registry.resources("bob").keySet());

    registry.streamIs(0); // the stream dropped
    assertFalse(registry.isOnline("bob"));
    assertFalse(
        registry.isCurrent(), "nobody can be taken for offline before the new stream is probed");

    registry.streamIs(2);
    registry.available("bob", "laptop", DeviceClass.WEB, 2);
    assertEquals(Map.of("laptop", DeviceClass.WEB), registry.resources("bob"));
  }

  @Test
  void presenceHeardOnAnOlderStreamIsIgnored() {
    PresenceRegistry registry = new PresenceRegistry();
    registry.streamIs(2);
    registry.available("carol", "phone", DeviceClass.MOBILE, 1); // queued before the reconnect
    assertFalse(registry.isOnline("carol"));
    registry.available("carol", "phone", DeviceClass.MOBILE, 2);
    registry.unavailable("carol", "phone", 1);
    assertTrue(registry.isOnline("carol"), "a stale unavailable changes nothing");
  }

  @Test
  void presenceOnANewerStreamReplacesEverythingEvenBeforeTheProbeNoticesIt() {
    PresenceRegistry registry = bobOnHisPhoneOnStream1();
    registry.available("dave", "phone", DeviceClass.MOBILE, 2);
    assertFalse(registry.isOnline("bob"));
    assertTrue(registry.isOnline("dave"));
    assertFalse(registry.isCurrent());
    registry.probeAnswered(1); // a late answer for the old stream
    assertFalse(registry.isCurrent());
  }

  @Test
  void waitingForCurrentPresenceEndsWhenTheProbeIsAnswered() throws Exception {
    PresenceRegistry registry = new PresenceRegistry();
    registry.streamIs(3);
    assertFalse(registry.awaitCurrent(Duration.ofMillis(50)));
    Thread answer =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException ignored) {
                return;
              }
              registry.probeAnswered(3);
            });
    answer.start();
    assertTrue(registry.awaitCurrent(Duration.ofSeconds(10)));
    answer.join();
  }
}
