package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A web page's live channel: it receives what is delivered to its user and sends envelopes. */
class LiveIT extends BlackBoxTest {

  @Test
  void pageReceivesAndSendsOverTheWebSocket() throws Exception {
    TestEnvironment.knownUsers("carol", "bob", "alice");
    try (LivePage page =
            LivePage.withQueryToken(TestEnvironment.token("carol", java.util.List.of("user")));
        XmppClient alice = XmppClient.online("alice", "mobile");
        XmppClient bob = XmppClient.online("bob", "mobile")) {
      String toPage = Envelopes.newId();
      alice.send(Envelopes.text("alice", "carol", toPage, "hello page"), "mobile");
      assertEquals("ok", alice.awaitAnswer(toPage).path("result").asText());
      JsonNode received = page.await(f -> f.path("msg_id").asText().equals(toPage));
      assertEquals("hello page", received.path("body").path(0).path("text").asText());

      String fromPage = Envelopes.newId();
      page.send(Envelopes.text("carol", "bob", fromPage, "from the web"));
      JsonNode answer =
          page.await(
              f ->
                  f.path("msg_type").asText().equals("MTC-001")
                      && f.path("body").path(0).path("msg_id").asText().equals(fromPage));
      assertEquals("ok", answer.path("body").path(0).path("result").asText());
      XmppClient.Received atBob = bob.awaitMsgId(fromPage);
      assertEquals("web", atBob.location());

      String spoofed = Envelopes.newId();
      page.send(Envelopes.text("alice", "bob", spoofed, "not me"));
      JsonNode refused =
          page.await(f -> f.path("body").path(0).path("msg_id").asText().equals(spoofed));
      assertEquals("error-012", refused.path("body").path(0).path("result_detail").asText());
    }
  }

  @Test
  void aHandshakeWithoutAValidTokenIsRefused() throws Exception {
    var refused =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(LivePage.address("?access_token=not-a-jwt"), new WebSocket.Listener() {});
    try {
      refused.get(20, TimeUnit.SECONDS);
      throw new AssertionError("the handshake was accepted");
    } catch (java.util.concurrent.ExecutionException e) {
      assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, e.toString());
      assertEquals(
          401,
          ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
    }
  }

  @Test
  void thePageIsServed() throws Exception {
    HttpResponse<String> page = Http.page("/");
    assertEquals(200, page.statusCode());
    assertTrue(
        page.body().contains("<script type=\"module\" src=\"js/app.js\"></script>"), page.body());
    HttpResponse<String> script = Http.page("/js/live.js");
    assertTrue(
        script.body().contains("/live?ticket="),
        "the page opens its socket with a ticket, not its token");
  }

  /** A static file of the web module, as the browser fetches it. */
}
