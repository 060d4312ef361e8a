package im.tlim.presence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online right now, on which resources, of which device class. Fed by the presence the
 * XMPP server routes to the service (subscriptions, directed presence, answers to probes); held
 * in memory and rebuilt by probing after a restart.
 */
@ApplicationScoped
public class PresenceRegistry {

  private final Map<String, Map<String, DeviceClass>> online = new ConcurrentHashMap<>();
  private final Object warmth = new Object();
  private volatile boolean warm;

  public void available(String userId, String resource, DeviceClass device) {
    if (resource == null) {
      return;
    }
    online.computeIfAbsent(userId, u -> new ConcurrentHashMap<>()).put(resource, device);
  }

  public void unavailable(String userId, String resource) {
    online.computeIfPresent(
        userId,
        (u, resources) -> {
          if (resource == null) {
            return null;
          }
          resources.remove(resource);
          return resources.isEmpty() ? null : resources;
        });
  }

  /** The user's online resources and their device classes (a snapshot). */
  public Map<String, DeviceClass> resources(String userId) {
    Map<String, DeviceClass> resources = online.get(userId);
    return resources == null ? Map.of() : Map.copyOf(resources);
  }

  public boolean isOnline(String userId) {
    return online.containsKey(userId);
  }

  /** The XMPP server has been asked for everyone's presence and had time to answer. */
  public void warmedUp() {
    synchronized (warmth) {
      warm = true;
      warmth.notifyAll();
    }
  }

  /**
   * Waits (at most {@code timeout}) until the registry reflects the XMPP server, so that right
   * after a start a recipient is not taken for offline merely because their presence has not
   * been heard yet.
   */
  public void awaitWarm(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (warmth) {
      while (!warm) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(warmth, left);
      }
    }
  }
}
