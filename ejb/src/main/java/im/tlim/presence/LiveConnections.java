package im.tlim.presence;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Web pages connected over WebSocket, per user: a second way to a user's web devices beside
 * XMPP. The web module registers each open socket's sender; delivery writes to them.
 */
@ApplicationScoped
public class LiveConnections {

  private final Map<String, Set<Consumer<String>>> byUser = new ConcurrentHashMap<>();

  public void open(String userId, Consumer<String> sink) {
    byUser.computeIfAbsent(userId, u -> ConcurrentHashMap.newKeySet()).add(sink);
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

  /** Sends the text to every page of the user; a page that fails is dropped by its endpoint. */
  public void send(String userId, String text) {
    Set<Consumer<String>> sinks = byUser.get(userId);
    if (sinks != null) {
      sinks.forEach(sink -> sink.accept(text));
    }
  }
}
