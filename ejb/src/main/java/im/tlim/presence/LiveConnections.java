package im.tlim.presence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Web pages connected over WebSocket, per user: a second way to a user's web devices beside
 * XMPP. The web module registers each open socket's sender; delivery writes to them. Each page
 * remembers the frames it was sent lately, so a delivery the broker redelivers does not send a
 * page the same frame twice. In memory and per server: a page is connected to one node.
 */
@ApplicationScoped
public class LiveConnections {

  /** Frames per page remembered for the duplicate check: far more than one JMS message holds. */
  private static final int REMEMBERED = 512;

  private final Map<String, Map<Consumer<String>, Page>> byUser = new ConcurrentHashMap<>();

  /** One page's sink and the ids of the frames sent to it lately. */
  private static final class Page {
    final Consumer<String> sink;
    final Map<String, Boolean> recent =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
          }
        };

    Page(Consumer<String> sink) {
      this.sink = sink;
    }

    /** Sends the frame unless this page was sent the same one lately. */
    void send(String frameId, String text) {
      synchronized (recent) {
        if (recent.put(frameId, Boolean.TRUE) != null) {
          return;
        }
      }
      sink.accept(text);
    }
  }

  public void open(String userId, Consumer<String> sink) {
    byUser.computeIfAbsent(userId, u -> new ConcurrentHashMap<>()).put(sink, new Page(sink));
  }

  public void close(String userId, Consumer<String> sink) {
    byUser.computeIfPresent(userId, (u, sinks) -> {
      sinks.remove(sink);
      return sinks.isEmpty() ? null : sinks;
    });
  }

  public boolean isConnected(String userId) {
    return byUser.containsKey(userId);
  }

  /**
   * Sends the text to every page of the user that has not been sent a frame with this id; a page
   * that fails is dropped by its endpoint.
   */
  public void send(String userId, String frameId, String text) {
    Map<Consumer<String>, Page> sinks = byUser.get(userId);
    if (sinks != null) {
      sinks.values().forEach(page -> page.send(frameId, text));
    }
  }
}
