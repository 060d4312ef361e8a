package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A web page's live socket as a test drives it: the frames it received, and how it was closed. */
final class LivePage implements AutoCloseable {

  record Closed(int code, String reason) {}

  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private WebSocket socket;

  private LivePage() {}

  /** A page whose token is in the {@code Authorization} header, as non-browser clients send it. */
  static LivePage withHeader(String token) throws Exception {
    return open(
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", TestEnvironment.bearer(token)),
        "");
  }

  /** A page whose token is the {@code access_token} query parameter, as a browser sends it. */
  static LivePage withQueryToken(String token) throws Exception {
    return open(HttpClient.newHttpClient().newWebSocketBuilder(), "?access_token=" + token);
  }

  /** A page opened with a ticket from liveTicket, as the browser page does. */
  static LivePage withTicket(String ticket) throws Exception {
    return open(HttpClient.newHttpClient().newWebSocketBuilder(), "?ticket=" + ticket);
  }

  /** The live endpoint's address with this query ("" for none). */
  static URI address(String query) {
    return URI.create("ws://127.0.0.1:" + TestEnvironment.HTTP.getPort() + "/live" + query);
  }

  private static LivePage open(WebSocket.Builder handshake, String query) throws Exception {
    LivePage page = new LivePage();
    page.socket = handshake.buildAsync(address(query), page.listener()).get(20, TimeUnit.SECONDS);
    return page;
  }

  private WebSocket.Listener listener() {
    return new WebSocket.Listener() {
      private final StringBuilder text = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
          try {
            frames.add(XmppClient.JSON.readTree(text.toString()));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          text.setLength(0);
        }
        webSocket.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
      }

      @Override
      public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, error.toString()));
      }
    };
  }

  void send(String envelope) throws Exception {
    socket.sendText(envelope, true).get(10, TimeUnit.SECONDS);
  }

  /** The next frame that matches; frames before it that do not match are kept. */
  JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<JsonNode> skipped = new ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        JsonNode frame = frames.poll(200, TimeUnit.MILLISECONDS);
        if (frame != null && match.test(frame)) {
          return frame;
        }
        if (frame != null) {
          skipped.add(frame);
        }
      }
    } finally {
      frames.addAll(skipped);
    }
    throw new AssertionError("no matching frame within 20 s; got " + skipped);
  }

  /** A copy of the message (not an answer about it). */
  JsonNode awaitMessage(String msgId) throws InterruptedException {
    return await(
        f ->
            !f.path("msg_type").asText().equals("MTC-001")
                && f.path("msg_id").asText().equals(msgId));
  }

  /** The MTC-001 answer's body entry for this msg_id. */
  JsonNode awaitAnswer(String msgId) throws InterruptedException {
    return await(
            f ->
                f.path("msg_type").asText().equals("MTC-001")
                    && f.path("body").path(0).path("msg_id").asText().equals(msgId))
        .path("body")
        .path(0);
  }

  /** Every frame received so far, removed. */
  List<JsonNode> drain() {
    List<JsonNode> all = new ArrayList<>();
    frames.drainTo(all);
    return all;
  }

  /** How the server closed the socket, waiting at most {@code timeout}. */
  Closed awaitClosed(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
