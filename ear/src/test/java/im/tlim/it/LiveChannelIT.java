package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live socket's edges: the token in the Authorization header, a socket closed when its token
 * expires or its user is removed, a page that does not read closed at the bound, every page and
 * device of a user in step with what one page sent, and a page counted as online.
 */
class LiveChannelIT extends BlackBoxTest {

  private static String unique(String prefix) {
    return prefix + Long.toString(System.nanoTime(), 36);
  }

  @Test
  void theAuthorizationHeaderOpensThePage() throws Exception {
    String user = unique("hdr");
    TestEnvironment.knownUsers(user, "alice");
    try (LivePage page = LivePage.withHeader(TestEnvironment.userToken(user));
        XmppClient alice = XmppClient.online("alice", "mobile")) {
      String id = Envelopes.newId();
      alice.send(Envelopes.text("alice", user, id, "to a header page"), "mobile");
      assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
      assertEquals(
          "to a header page", page.awaitMessage(id).path("body").path(0).path("text").asText());
      String sent =
          sendOk(page, Envelopes.text(user, "alice", Envelopes.newId(), "from a header page"));
      alice.awaitMsgId(sent);
    }
  }

  @Test
  void aTicketOpensOnePageOnceAndOnlyForAUser() throws Exception {
    String user = unique("tkt");
    TestEnvironment.knownUsers(user, "alice");
    Http.Answer issued = Http.postFormAs(TestEnvironment.userToken(user), "liveTicket", Map.of());
    assertEquals(200, issued.status(), issued.json().toString());
    assertEquals(30, issued.json().path("expires_in").asInt());
    String ticket = issued.json().path("ticket").asText();
    assertFalse(ticket.isEmpty());
    assertFalse(ticket.contains("."), "a ticket is not the token");
    try (LivePage page = LivePage.withTicket(ticket);
        XmppClient alice = XmppClient.online("alice", "mobile")) {
      String id = Envelopes.newId();
      alice.send(Envelopes.text("alice", user, id, "to a ticket page"), "mobile");
      assertEquals(
          "to a ticket page", page.awaitMessage(id).path("body").path(0).path("text").asText());
      sendOk(page, Envelopes.text(user, "alice", Envelopes.newId(), "from a ticket page"));

      try (LivePage again = LivePage.withTicket(ticket)) {
        LivePage.Closed closed = again.awaitClosed(Duration.ofSeconds(20));
        assertEquals(1008, closed.code(), "a ticket opens one socket: " + closed);
        assertEquals("error-027", closed.reason());
      }
      try (LivePage forged = LivePage.withTicket("no-such-ticket")) {
        assertEquals(1008, forged.awaitClosed(Duration.ofSeconds(20)).code());
      }
      assertFalse(page.isClosed(), "the page the ticket opened stays open");
    }
    Http.Answer unnamed = Http.postForm("liveTicket", Map.of());
    assertEquals(400, unnamed.status(), "the service names the page's user");
    assertEquals("error-008", unnamed.detail());
    Http.Answer forUser = Http.postForm("liveTicket", Map.of("user_id", user));
    assertEquals(200, forUser.status(), forUser.json().toString());
    try (LivePage page = LivePage.withTicket(forUser.json().path("ticket").asText())) {
      sendOk(
          page,
          Envelopes.text(
              user, "alice", Envelopes.newId(), "a page the backend opened a ticket for"));
    }
    Http.Answer other =
        Http.postFormAs(TestEnvironment.userToken(user), "liveTicket", Map.of("user_id", "alice"));
    assertEquals(403, other.status());
    assertEquals(
        0,
        TestEnvironment.count("select count(*) from tlim_live_ticket where user_id = ?", "alice"),
        "no ticket issued for another user");
  }

  @Test
  void aSocketIsClosedWhenItsTokenExpires() throws Exception {
    String user = unique("exp");
    TestEnvironment.knownUsers(user, "alice");
    String shortLived =
        TestEnvironment.token(
            user,
            List.of("user"),
            TestEnvironment.JWT_ISSUER,
            TestEnvironment.JWT_AUDIENCE,
            Instant.now().plusSeconds(3),
            TestEnvironment.JWT_SECRET);
    try (LivePage page = LivePage.withHeader(shortLived);
        LivePage lasting = LivePage.withHeader(TestEnvironment.userToken(user))) {
      LivePage.Closed closed = page.awaitClosed(Duration.ofSeconds(20));
      assertEquals(4401, closed.code(), closed.toString());
      assertTrue(closed.reason().startsWith("error-027"), closed.reason());
      // the same user's page with a valid token stays open and is still served
      sendOk(lasting, Envelopes.text(user, "alice", Envelopes.newId(), "still here"));
      assertFalse(lasting.isClosed());
    }
  }

  @Test
  void removeUserClosesTheUsersSocketsAndRefusesNewOnes() throws Exception {
    String user = unique("gone");
    String other = unique("stay");
    TestEnvironment.knownUsers(user, other, "alice");
    try (LivePage page = LivePage.withQueryToken(TestEnvironment.userToken(user));
        LivePage otherPage = LivePage.withHeader(TestEnvironment.userToken(other))) {
      sendOk(page, Envelopes.text(user, other, Envelopes.newId(), "before removal"));

      Http.Answer removed = Http.postForm("removeUser", Map.of("user_id", user));
      assertEquals(200, removed.status(), removed.json().toString());
      LivePage.Closed closed = page.awaitClosed(Duration.ofSeconds(20));
      assertEquals(4404, closed.code(), closed.toString());
      assertTrue(closed.reason().startsWith("error-013"), closed.reason());

      // a new handshake with their token is refused by the token filter, as any call of theirs
      java.util.concurrent.ExecutionException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.util.concurrent.ExecutionException.class,
              () -> LivePage.withHeader(TestEnvironment.userToken(user)).close());
      assertEquals(
          404,
          ((java.net.http.WebSocketHandshakeException) refused.getCause())
              .getResponse()
              .statusCode());
      // the other user's page was left alone
      sendOk(otherPage, Envelopes.text(other, "alice", Envelopes.newId(), "marker"));
      assertFalse(otherPage.isClosed());
    }
  }

  @Test
  void aMessageFromOnePageReachesTheUsersOtherPagesAndDevices() throws Exception {
    TestEnvironment.knownUsers("carol", "bob");
    try (XmppClient carolPhone = XmppClient.online("carol", "android");
        XmppClient bob = XmppClient.online("bob", "mobile");
        LivePage sending = LivePage.withHeader(TestEnvironment.userToken("carol"));
        LivePage other = LivePage.withQueryToken(TestEnvironment.userToken("carol"))) {
      String id =
          sendOk(sending, Envelopes.text("carol", "bob", Envelopes.newId(), "typed on the web"));
      bob.awaitMsgId(id);
      assertEquals(
          "typed on the web", other.awaitMessage(id).path("body").path(0).path("text").asText());
      XmppClient.Received atPhone = carolPhone.awaitMsgId(id);
      assertEquals("web", atPhone.location(), "the echo names the device class it was sent from");

      // a later message of the same page is the marker: once the other page has its echo, the
      // sending page would have had the first echo too
      String marker = sendOk(sending, Envelopes.text("carol", "bob", Envelopes.newId(), "marker"));
      other.awaitMessage(marker);
      carolPhone.awaitMsgId(marker);
      assertFalse(
          sending.drain().stream()
              .anyMatch(
                  f ->
                      !f.path("msg_type").asText().equals("MTC-001")
                          && (f.path("msg_id").asText().equals(id)
                              || f.path("msg_id").asText().equals(marker))),
          "the sending page gets its answer, not a copy of its own message");
    }
  }

  @Test
  void findPresenceCountsAnOpenPageAsOnline() throws Exception {
    String pageOnly = unique("web");
    TestEnvironment.knownUsers("alice", "bob", pageOnly);
    String alice = TestEnvironment.userToken("alice");
    Http.Answer created =
        Http.postJsonAs(
            alice,
            "addSession",
            "{session_type:0, request_user:'alice', subscribers:[{user_id:'" + pageOnly + "'}]}");
    assertEquals(200, created.status(), created.json().toString());
    String sessionId = created.json().path("session_id").asText();
    assertEquals("offline", status(alice, sessionId, pageOnly));
    try (LivePage page = LivePage.withHeader(TestEnvironment.userToken(pageOnly))) {
      String id = Envelopes.newId();
      page.send(Envelopes.text(pageOnly, "bob", id, "open")); // answered: the page is registered
      page.awaitAnswer(id);
      assertEquals("online", status(alice, sessionId, pageOnly));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!status(alice, sessionId, pageOnly).equals("offline")) {
      assertTrue(System.nanoTime() < deadline, "still online 20 s after the page closed");
      Thread.sleep(200);
    }
  }

  private static String status(String token, String sessionId, String user) throws Exception {
    Http.Answer answer = Http.getAs(token, "findPresence", Map.of("session_id", sessionId));
    assertEquals(200, answer.status(), answer.json().toString());
    for (JsonNode entry : answer.json()) {
      if (entry.path("user_id").asText().equals(user)) {
        return entry.path("status").asText();
      }
    }
    throw new AssertionError(user + " is not listed: " + answer.json());
  }

  /**
   * A page that stops reading: a raw socket with a tiny receive window that never reads while a
   * second page floods its user. The server must close it (1013) rather than queue without end.
   */
  @Test
  void aPageThatStopsReadingIsClosed() throws Exception {
    String slowUser = unique("slow");
    String sender = unique("fast");
    TestEnvironment.knownUsers(slowUser, sender);
    try (Socket slow = new Socket();
        LivePage flooding = LivePage.withHeader(TestEnvironment.userToken(sender))) {
      slow.setReceiveBufferSize(2048);
      slow.connect(new InetSocketAddress("127.0.0.1", TestEnvironment.HTTP.getPort()), 10_000);
      OutputStream out = slow.getOutputStream();
      out.write(
          ("GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                  + "Authorization: Bearer "
                  + TestEnvironment.userToken(slowUser)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = slow.getInputStream();
      String head = readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 101"), head);

      String text = "x".repeat(30_000);
      int sent = 0;
      for (int i = 0; i < 400; i++) {
        String id = Envelopes.newId();
        flooding.send(Envelopes.text(sender, slowUser, id, text));
        JsonNode answer = flooding.awaitAnswer(id);
        if (answer.path("result_detail").asText().equals("error-024")) {
          Thread.sleep(60); // over the rate: the bucket refills
          continue;
        }
        assertEquals("ok", answer.path("result").asText(), answer.toString());
        sent++;
        if (sent >= 300) {
          break;
        }
      }
      // now read what the server had written before it closed: frames, then its close frame
      slow.setSoTimeout(30_000);
      int textFrames = 0;
      Integer closeCode = null;
      try {
        while (closeCode == null) {
          int first = in.read();
          if (first < 0) {
            break;
          }
          int opcode = first & 0x0f;
          long length = in.read() & 0x7f;
          if (length == 126) {
            length = (in.read() << 8) | in.read();
          } else if (length == 127) {
            length = 0;
            for (int b = 0; b < 8; b++) {
              length = (length << 8) | in.read();
            }
          }
          byte[] payload = in.readNBytes((int) length);
          if (opcode == 0x8) {
            closeCode =
                payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          } else if (opcode == 0x1) {
            textFrames++;
          }
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            "the slow page was not closed; it had " + textFrames + " frames", e);
      }
      assertEquals(
          Integer.valueOf(1013), closeCode, "closed as too slow after " + textFrames + " frames");
      assertTrue(textFrames < sent, textFrames + " frames of " + sent + " reached the slow page");
      // the flooding page is unaffected
      sendOk(flooding, Envelopes.text(sender, slowUser, Envelopes.newId(), "marker"));
      assertFalse(flooding.isClosed());
    }
  }

  private static String readHead(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** Sends an envelope from the page and asserts that the service accepted it; its msg_id. */
  private static String sendOk(LivePage page, String envelope) throws Exception {
    String msgId = XmppClient.JSON.readTree(envelope).path("msg_id").asText();
    page.send(envelope);
    JsonNode answer = page.awaitAnswer(msgId);
    assertEquals("ok", answer.path("result").asText(), answer.toString());
    return msgId;
  }
}
