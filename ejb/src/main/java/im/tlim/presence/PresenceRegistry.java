package im.tlim.presence;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Who is online right now, on which resources, of which device class. Fed by the presence the XMPP
 * server routes to the service (subscriptions, directed presence, answers to probes), held in
 * memory, and valid for one component stream only: when the stream drops or a new one opens (the
 * connector numbers them) everything known is forgotten, and {@link PresenceProbe} asks again.
 * Until the answers have had time to arrive the registry is not <em>current</em>: a user it lists
 * is online, but one it does not list may merely not have been heard from yet.
 *
 * <p>In memory and per server: with several application nodes each has its own component stream
 * (where the XMPP server balances them) and learns presence on it.
 */
@ApplicationScoped
public class PresenceRegistry {

  private final Map<String, Map<String, DeviceClass>> online = new ConcurrentHashMap<>();

  /**
   * Guards changes of stream and the waits for currency. A lock object of its own, never {@code
   * synchronized} methods: the container's client proxy would take its own monitor and hold it
   * through a wait, blocking every other caller.
   */
  private final Object lock = new Object();

  /** The stream the entries belong to; 0 while none is open. Changed under {@link #lock}. */
  private volatile long stream;

  /** Whether the stream's probes have been answered (or had time to be). */
  private volatile boolean current;

  /** A device's available presence, heard on component stream {@code stream}. */
  public void available(String userId, String resource, DeviceClass device, long stream) {
    synchronized (lock) {
      if (resource == null || !follow(stream)) {
        return;
      }
      online.computeIfAbsent(userId, u -> new ConcurrentHashMap<>()).put(resource, device);
    }
  }

  /** A device's unavailable presence (a null resource: every device of the user). */
  public void unavailable(String userId, String resource, long stream) {
    synchronized (lock) {
      if (!follow(stream)) {
        return;
      }
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
  }

  /**
   * The component stream now open (0: none). A different one than before makes everything known
   * stale: it is forgotten, and the registry is not current until {@link #probeAnswered}.
   */
  public void streamIs(long now) {
    synchronized (lock) {
      if (now != stream) {
        online.clear();
        stream = now;
        current = false;
      }
    }
  }

  /** The stream whose presence the registry holds (0: none). */
  public long stream() {
    return stream;
  }

  /**
   * Presence heard on an older stream is stale and ignored; a newer one replaces all. Holds the
   * lock.
   */
  private boolean follow(long heardOn) {
    if (heardOn < stream) {
      return false;
    }
    streamIs(heardOn);
    return true;
  }

  /** The probes sent when {@code stream} opened have had time to be answered. */
  public void probeAnswered(long stream) {
    synchronized (lock) {
      if (stream == this.stream && stream != 0) {
        current = true;
        lock.notifyAll();
      }
    }
  }

  /** Whether a user the registry does not list can be taken for offline. */
  public boolean isCurrent() {
    return current;
  }

  /** Waits at most {@code timeout} for the registry to become current; returns whether it is. */
  public boolean awaitCurrent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!current) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** The user's online resources and their device classes (a snapshot). */
  public Map<String, DeviceClass> resources(String userId) {
    Map<String, DeviceClass> resources = online.get(userId);
    return resources == null ? Map.of() : Map.copyOf(resources);
  }

  public boolean isOnline(String userId) {
    return online.containsKey(userId);
  }
}
