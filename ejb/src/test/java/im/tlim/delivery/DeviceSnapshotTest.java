package im.tlim.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.presence.DeviceClass;
import im.tlim.presence.LiveConnections;
import im.tlim.presence.PresenceRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The snapshot holds what the registry and the pages said when it was read, and no more. */
class DeviceSnapshotTest {

  private static final LiveConnections.Socket SOCKET =
      new LiveConnections.Socket() {
        @Override
        public void send(String text, Runnable written) {
          written.run();
        }

        @Override
        public void close(int code, String reason) {}
      };

  @Test
  void readsEachUsersResourcesAndPagesAndWhetherTheRegistryIsCurrent() {
    PresenceRegistry presence = new PresenceRegistry();
    presence.streamIs(1);
    presence.available("bob", "phone", DeviceClass.MOBILE, 1);
    presence.probeAnswered(1);
    LiveConnections pages = new LiveConnections();
    pages.open("carol", LiveConnections.newPageId(), SOCKET, Long.MAX_VALUE);

    DeviceSnapshot snapshot =
        DeviceSnapshot.read(List.of("bob", "carol", "bob", "dan"), presence, pages);

    assertEquals(Set.of("phone"), snapshot.resourcesOf("bob"));
    assertEquals(Set.of(), snapshot.resourcesOf("carol"));
    assertEquals(Set.of(), snapshot.resourcesOf("dan"));
    assertTrue(snapshot.hasPage("carol"));
    assertFalse(snapshot.hasPage("bob"));
    assertTrue(snapshot.current());
  }

  @Test
  void presenceArrivingLaterDoesNotChangeASnapshot() {
    PresenceRegistry presence = new PresenceRegistry();
    presence.streamIs(1);
    DeviceSnapshot snapshot = DeviceSnapshot.read(List.of("bob"), presence, new LiveConnections());

    presence.available("bob", "phone", DeviceClass.MOBILE, 1);
    presence.probeAnswered(1);

    assertEquals(Set.of(), snapshot.resourcesOf("bob"));
    assertFalse(snapshot.current(), "read before the probes were answered");
  }
}
