package im.tlim.presence;

import im.tlim.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web pages connected over WebSocket, per user: a second way to a user's web devices beside XMPP.
 * The web module registers each open socket; delivery writes to them. Each page remembers the
 * frames it was sent lately, so a delivery the broker redelivers does not send a page the same
 * frame twice, and counts what it has queued on its socket but not yet written: a page that does
 * not read is closed ({@link #TOO_SLOW}) before its queue outgrows the bound. A page lives no
 * longer than its token, nor than its user ({@link LivePageSweep}). In memory and per server: a
 * page is connected to one node.
 */
@ApplicationScoped
public class LiveConnections {

  /**
   * What a page's id starts with; the rest is its socket's id. Set apart from the resource names
   * XMPP clients choose, since the id is also the resource a page's envelopes are sent from.
   */
  private static final String PAGE_ID_PREFIX = "live-";

  /** Frames per page remembered for the duplicate check: far more than one JMS message holds. */
  private static final int REMEMBERED = 512;

  /** Close code of a page that did not read its frames fast enough (RFC 6455: Try Again Later). */
  public static final int TOO_SLOW = 1013;

  /** Close code of a page whose token expired (private use; reason starts with error-027). */
  public static final int TOKEN_EXPIRED = 4401;

  /** Close code of a page whose user was removed (private use; reason starts with error-013). */
  public static final int USER_REMOVED = 4404;

  private final Map<String, Map<String, Page>> byUser = new ConcurrentHashMap<>();
  private final int maxQueuedFrames;
  private final long maxQueuedChars;

  public LiveConnections() {
    this(Settings.LIVE_MAX_QUEUED_FRAMES.value(), Settings.LIVE_MAX_QUEUED_CHARS.value());
  }

  LiveConnections(int maxQueuedFrames, long maxQueuedChars) {
    this.maxQueuedFrames = Math.max(1, maxQueuedFrames);
    this.maxQueuedChars = Math.max(1, maxQueuedChars);
  }

  /** A page's socket, as the web module gives it. */
  public interface Socket {
    /** Queues a text frame; {@code written} runs once it is written or has failed. */
    void send(String text, Runnable written);

    /** Closes the socket; must not block the caller (delivery threads call it). */
    void close(int code, String reason);
  }

  /** One open page: its socket, its token's expiry, the frames sent lately, what is queued. */
  public static final class Page {
    final String user;
    final String id;
    final Socket socket;
    final long expiresAtMillis;
    private final LiveConnections owner;
    private final Map<String, Boolean> recent =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
          }
        };
    private int queuedFrames; // guarded by this
    private long queuedChars; // guarded by this
    private boolean closed; // guarded by this

    Page(LiveConnections owner, String user, String id, Socket socket, long expiresAtMillis) {
      this.owner = owner;
      this.user = user;
      this.id = id;
      this.socket = socket;
      this.expiresAtMillis = expiresAtMillis;
    }

    /** Sends the frame unless this page was sent the same one lately. */
    /** Sends the frame unless this page had it already; whether it was sent. */
    boolean send(String frameId, String text) {
      synchronized (this) {
        if (recent.put(frameId, Boolean.TRUE) != null) {
          return false;
        }
      }
      send(text);
      return true;
    }

    /**
     * Queues a frame on the socket; a page whose queue would pass the bound is closed instead (its
     * user reads what it missed from the offline store or history when it reconnects).
     */
    public void send(String text) {
      int chars = text.length();
      boolean overflow;
      synchronized (this) {
        if (closed) {
          return;
        }
        overflow =
            queuedFrames + 1 > owner.maxQueuedFrames || queuedChars + chars > owner.maxQueuedChars;
        if (!overflow) {
          queuedFrames++;
          queuedChars += chars;
        }
      }
      if (overflow) {
        owner.drop(this, TOO_SLOW, "the page does not read its frames fast enough");
        return;
      }
      socket.send(
          text,
          () -> {
            synchronized (this) {
              queuedFrames--;
              queuedChars -= chars;
            }
          });
    }

    synchronized boolean isClosed() {
      return closed;
    }

    synchronized int queuedFrames() {
      return queuedFrames;
    }
  }

  /**
   * A new page's id: the resource the page's envelopes are accepted from, so that the echo of what
   * it sent (to its user's other pages and XMPP devices) passes over this page alone. Random, not
   * the socket's id: a socket id is unique on one node only, and a page on another node with the
   * same id would miss the echo; nor can a device's XMPP resource be guessed to match it.
   */
  public static String newPageId() {
    return PAGE_ID_PREFIX + UUID.randomUUID();
  }

  /**
   * Registers an open page.
   *
   * @param pageId the page's id ({@link #newPageId}; the echo of what it sent skips it)
   * @param expiresAtMillis when the page's token expires (epoch milliseconds)
   */
  public Page open(String userId, String pageId, Socket socket, long expiresAtMillis) {
    Page page = new Page(this, userId, pageId, socket, expiresAtMillis);
    byUser.computeIfAbsent(userId, u -> new ConcurrentHashMap<>()).put(pageId, page);
    return page;
  }

  /** The page's socket closed: it is forgotten. */
  public void close(String userId, String pageId) {
    byUser.computeIfPresent(
        userId,
        (u, pages) -> {
          pages.remove(pageId);
          return pages.isEmpty() ? null : pages;
        });
  }

  /** Forgets the page at once, so nothing more is queued on it, and closes its socket. */
  private void drop(Page page, int code, String reason) {
    synchronized (page) {
      if (page.closed) {
        return; // closed once only
      }
      page.closed = true;
    }
    close(page.user, page.id);
    page.socket.close(code, reason);
  }

  public boolean isConnected(String userId) {
    return byUser.containsKey(userId);
  }

  /** The users with a page open on this node (a snapshot). */
  public Set<String> users() {
    return Set.copyOf(byUser.keySet());
  }

  /** Closes every page whose token has expired by {@code nowMillis}. */
  public void closeExpired(long nowMillis) {
    for (Map<String, Page> pages : byUser.values()) {
      for (Page page : List.copyOf(pages.values())) {
        if (page.expiresAtMillis <= nowMillis) {
          drop(page, TOKEN_EXPIRED, "error-027: the token expired");
        }
      }
    }
  }

  /** Closes every page of a removed user. */
  public void closeUser(String userId) {
    Map<String, Page> pages = byUser.get(userId);
    if (pages != null) {
      for (Page page : List.copyOf(pages.values())) {
        drop(page, USER_REMOVED, "error-013: the user was removed");
      }
    }
  }

  /**
   * Sends the text to every page of the user that has not been sent a frame with this id, except
   * the page named {@code exceptPageId} (null: none), which sent it.
   *
   * @return the number of pages sent the frame
   */
  public int send(String userId, String frameId, String text, String exceptPageId) {
    Map<String, Page> pages = byUser.get(userId);
    int sent = 0;
    if (pages != null) {
      for (Page page : pages.values()) {
        if (!page.id.equals(exceptPageId) && page.send(frameId, text)) {
          sent++;
        }
      }
    }
    return sent;
  }

  public void send(String userId, String frameId, String text) {
    send(userId, frameId, text, null);
  }
}
