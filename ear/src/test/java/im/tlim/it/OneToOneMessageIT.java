package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The foundation end to end: alice's Smack client sends an envelope to the service through the XMPP
 * server (Prosody or ejabberd), the application on WildFly stores it in PostgreSQL and delivers it
 * through Artemis and the connector to bob's Smack client, and findChatHistory reads it back.
 */
class OneToOneMessageIT extends AliceAndBobOnline {

  OneToOneMessageIT() {
    super("mobile", "web");
  }

  @Test
  void textIsAnsweredDeliveredStoredAndReadableOverHttp() throws Exception {
    String id = Envelopes.newId();
    alice.send(Envelopes.text("alice", "bob", id, "hello, bob"), "mobile");

    JsonNode answer = alice.awaitAnswer(id);
    assertEquals("ok", answer.path("result").asText());
    assertEquals("", answer.path("result_detail").asText());

    XmppClient.Received copy = bob.awaitMsgId(id);
    assertEquals("MTT-000", copy.type());
    assertEquals("alice", copy.envelope().path("msg_from").asText());
    assertEquals("bob", copy.envelope().path("msg_to").asText());
    assertEquals("hello, bob", copy.bodyText("text"));
    assertEquals("mobile", copy.location(), "the tlim extension names the sender's device class");

    Http.Answer history =
        Http.get(
            "findChatHistory",
            Map.of("session_id", "alice", "user_id", "bob", "start", "0", "length", "10"));
    assertEquals(200, history.status());
    assertTrue(history.contentType().toLowerCase().contains("utf-8"), history.contentType());
    JsonNode json = history.json();
    assertEquals("ok", json.path("result").asText());
    assertEquals("", json.path("result_detail").asText());
    assertEquals("alice", json.path("session_id").asText());
    assertTrue(json.path("total").isNumber());
    JsonNode item = findById(json.path("message_list"), id);
    assertTrue(item.path("id_").isIntegralNumber(), "id_ is a number");
    assertTrue(item.path("body").isTextual(), "body is the array as JSON text");
    assertEquals(
        "hello, bob",
        XmppClient.JSON.readTree(item.path("body").asText()).path(0).path("text").asText());
    assertEquals("alice", item.path("msg_from").asText());
    assertEquals("bob", item.path("msg_to").asText());
    assertEquals("MTT-000", item.path("msg_type").asText());
    assertTrue(item.path("msg_time").isTextual() && item.path("msg_time").asText().matches("\\d+"));

    assertEquals(1, TestEnvironment.storedMessages(id), "one row in PostgreSQL");
  }

  @Test
  void historyAcceptsFormAndJsonPostsAndLengthMax() throws Exception {
    String id = Envelopes.newId();
    alice.send(Envelopes.text("alice", "bob", id, "posted"), null);
    assertEquals("ok", alice.awaitAnswer(id).path("result").asText());

    Http.Answer form =
        Http.postForm(
            "findChatHistory", Map.of("session_id", "bob", "user_id", "alice", "length", "max"));
    assertEquals(200, form.status());
    findById(form.json().path("message_list"), id);

    Http.Answer json =
        Http.postJson("findChatHistory", "{session_id:'bob', user_id:'alice', start:0, length:5}");
    assertEquals(200, json.status());
    findById(json.json().path("message_list"), id);
  }

  @Test
  void aMsgIdAnotherSendersMessageHasIsRefusedNotAnsweredOk() throws Exception {
    String id = Envelopes.newId();
    alice.send(Envelopes.text("alice", "bob", id, "alice's"), null);
    assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
    // bob reuses the msg_id, alone and then in a burst (a batch looks msg_ids up together)
    for (int attempt = 0; attempt < 2; attempt++) {
      bob.send(Envelopes.text("bob", "alice", id, "bob's"), null);
      if (attempt == 1) {
        for (int i = 0; i < 5; i++) {
          bob.send(Envelopes.text("bob", "alice", Envelopes.newId(), "filler"), null);
        }
      }
      JsonNode answer = bob.awaitAnswer(id);
      assertEquals(
          "fail", answer.path("result").asText(), "ok would tell bob his message was stored");
      assertEquals("error-011", answer.path("result_detail").asText());
    }
    assertEquals(1, TestEnvironment.storedMessages(id));
    Http.Answer history =
        Http.get(
            "findChatHistory", Map.of("session_id", "alice", "user_id", "bob", "length", "max"));
    JsonNode stored = findById(history.json().path("message_list"), id);
    assertEquals("alice", stored.path("msg_from").asText(), "the stored message is still alice's");
  }

  @Test
  void resentEnvelopeIsStoredAndDeliveredOnce() throws Exception {
    String id = Envelopes.newId();
    String envelope = Envelopes.text("alice", "bob", id, "only once");
    alice.send(envelope, null);
    assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
    alice.send(envelope, null);
    assertEquals("ok", alice.awaitAnswer(id).path("result").asText(), "a resend is answered ok");

    bob.awaitMsgId(id);
    // a marker sent after the resend arrives after any second copy would have
    assertFalse(bobsMsgIdsUpToAMarker().contains(id), "bob got the resent envelope a second time");
    assertEquals(1, TestEnvironment.storedMessages(id));
  }

  @Test
  void malformedJsonIsRefusedWithError005() throws Exception {
    assertRefused("{\"msg_id\":\"" + Envelopes.newId() + "\", \"msg_type\": ", "error-005", null);
  }

  @Test
  void bodyThatIsNotAnArrayIsRefusedWithError006() throws Exception {
    assertRefusedFromAliceToBob("MTT-000", "{\"text\":\"x\"}", "error-006");
  }

  @Test
  void emptyOrInvalidBodyIsRefusedWithError000() throws Exception {
    assertRefusedFromAliceToBob("MTT-000", "[]", "error-000");
    assertRefusedFromAliceToBob("MTT-000", "[{\"file_id\":\"f\"}]", "error-000");
  }

  @Test
  void unknownTypeIsRefusedWithError001() throws Exception {
    assertRefusedFromAliceToBob("MTX-999", "[{\"text\":\"x\"}]", "error-001");
  }

  @Test
  void spoofedSenderIsRefusedWithError012() throws Exception {
    assertTextRefused("carol", "bob", "I am not carol", "error-012");
  }

  @Test
  void oversizedEnvelopeIsRefusedWithError018() throws Exception {
    String id = Envelopes.newId();
    assertRefused(Envelopes.text("alice", "bob", id, "x".repeat(70 * 1024)), "error-018", null);
  }

  @Test
  void lenientJsonOfTheOriginalDocumentIsAccepted() throws Exception {
    String id = Envelopes.newId();
    String lenient =
        "{compress:'0', encode:'1', encrypt:'0', version:'2.0.0', msg_from:'alice', msg_to:'bob',"
            + " msg_id:'"
            + id
            + "', msg_type:'MTT-000', msg_time:'1599218283837',"
            + " body:[{text:'single quotes',},],}";
    alice.send(lenient, "web");
    assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
    XmppClient.Received copy = bob.awaitMsgId(id);
    assertEquals("single quotes", copy.bodyText("text"));
    assertEquals("web", copy.location());
  }

  @Test
  void wrongValueTypesAndOverlongFieldsAreRefusedWithError011() throws Exception {
    String numericFrom = Envelopes.newId();
    assertRefused(
        "{\"msg_from\":42,\"msg_to\":\"bob\",\"msg_id\":\""
            + numericFrom
            + "\",\"msg_type\":\"MTT-000\",\"body\":[{\"text\":\"x\"}]}",
        "error-011",
        numericFrom);
    assertTextRefused("alice", "b".repeat(65), "x", "error-011");
    assertChangedTextRefused(
        e -> e.replaceFirst("\"msg_time\":\"\\d+\"", "\"msg_time\":\"yesterday\""), "error-011");
  }

  @Test
  void unknownRecipientIsRefusedWithError013() throws Exception {
    assertTextRefused("alice", "nobody-at-all", "hello?", "error-013");
  }

  @Test
  void unsupportedCodecIsRefusedWithError020() throws Exception {
    assertChangedTextRefused(
        e -> e.replace("\"compress\":\"0\"", "\"compress\":\"1\""), "error-020");
  }

  @Test
  void historyParametersAreChecked() throws Exception {
    Http.Answer noSession = Http.get("findChatHistory", Map.of("user_id", "bob"));
    assertEquals(400, noSession.status());
    assertEquals("fail", noSession.result());
    assertEquals("error-007", noSession.detail());

    Http.Answer noUser = Http.get("findChatHistory", Map.of("session_id", "alice"));
    assertEquals("error-008", noUser.detail());

    Http.Answer badStart =
        Http.get("findChatHistory", Map.of("session_id", "alice", "user_id", "bob", "start", "-1"));
    assertEquals(400, badStart.status());
    assertEquals("error-026", badStart.detail());

    Http.Answer badJson = Http.postJson("findChatHistory", "{session_id: ");
    assertEquals("error-005", badJson.detail());
  }

  /** {@link #assertRefused} for a text envelope (from alice, unless it is spoofed). */
  private void assertTextRefused(String from, String to, String text, String code)
      throws Exception {
    String id = Envelopes.newId();
    assertRefused(Envelopes.text(from, to, id, text), code, id);
  }

  /** {@link #assertRefused} for a text from alice to bob with one field changed. */
  private void assertChangedTextRefused(UnaryOperator<String> change, String code)
      throws Exception {
    String id = Envelopes.newId();
    assertRefused(change.apply(Envelopes.text("alice", "bob", id, "x")), code, id);
  }

  /** {@link #assertRefused} for an envelope from alice to bob of this type and body. */
  private void assertRefusedFromAliceToBob(String type, String body, String code) throws Exception {
    String id = Envelopes.newId();
    assertRefused(Envelopes.envelope("alice", "bob", id, type, body), code, id);
  }

  /**
   * Sends a bad envelope and checks its answer, that nothing was stored under its msg_id, and that
   * bob got nothing: a good marker sent after it reaches bob with nothing before it.
   */
  private void assertRefused(String envelope, String code, String msgId) throws Exception {
    bob.drain();
    alice.send(envelope, null);
    JsonNode answer =
        alice
            .await(
                r -> r.type().equals("MTC-001") && r.bodyText("result").equals("fail"),
                Duration.ofSeconds(20))
            .envelope()
            .path("body")
            .path(0);
    assertEquals(code, answer.path("result_detail").asText(), answer.toString());
    if (msgId != null) {
      assertEquals(msgId, answer.path("msg_id").asText(), "the answer names the refused envelope");
      assertEquals(0, TestEnvironment.storedMessages(msgId), "nothing stored");
    }
    assertEquals(
        List.of(), bobsMsgIdsUpToAMarker(), "bob received something for the refused envelope");
  }

  /**
   * Sends a marker from alice to bob and waits for it there; the msg_ids of what else bob received
   * (copies of one pair are delivered in order: anything sent before the marker is here now).
   */
  private List<String> bobsMsgIdsUpToAMarker() throws Exception {
    String marker = Envelopes.newId();
    alice.send(Envelopes.text("alice", "bob", marker, "marker"), null);
    alice.awaitAnswer(marker);
    bob.awaitMsgId(marker);
    return bob.drain().stream().map(r -> r.envelope().path("msg_id").asText()).toList();
  }

  private static JsonNode findById(JsonNode list, String msgId) {
    for (JsonNode item : list) {
      if (item.path("msg_id").asText().equals(msgId)) {
        return item;
      }
    }
    throw new AssertionError(msgId + " not in " + list);
  }
}
