package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Delivered and read receipts, recall, and clearing a 1:1 history, between real clients. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReceiptsAndRecallIT {

  private XmppClient alice;
  private XmppClient bob;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return TestEnvironment.ear();
  }

  @BeforeEach
  void login() throws Exception {
    bob = XmppClient.online("bob", "mobile");
    alice = XmppClient.online("alice", "web");
  }

  @AfterEach
  void logout() {
    alice.close();
    bob.close();
  }

  @Test
  void deliveredReceiptIsForwardedAndEndsTheOfflineCopy() throws Exception {
    String id = sendText("delivered?");
    assertTrue(offlineIds("bob").contains(id), "waits in the offline store until acknowledged");

    String receipt = Envelopes.newId();
    bob.send(Envelopes.envelope("bob", "alice", receipt, "MTC-000", "[{\"msg_id\":\"" + id + "\"}]"), "mobile");
    assertEquals("ok", bob.awaitAnswer(receipt).path("result").asText());

    XmppClient.Received forwarded = alice.await(
        r -> r.type().equals("MTC-000") && r.envelope().path("msg_id").asText().equals(receipt),
        Duration.ofSeconds(20));
    assertEquals(id, forwarded.envelope().path("body").path(0).path("msg_id").asText());
    assertEquals("bob", forwarded.envelope().path("msg_from").asText());
    assertTrue(!offlineIds("bob").contains(id), "a mobile acknowledgement ends the offline copy");
  }

  @Test
  void webAcknowledgementIsReportedAsRecvOne() throws Exception {
    XmppClient bobWeb = XmppClient.online("bob", "web");
    try {
      String id = sendText("for the web");
      String receipt = Envelopes.newId();
      bobWeb.send(Envelopes.envelope("bob", "alice", receipt, "MTC-000", "[{\"msg_id\":\"" + id + "\"}]"), "web");
      bobWeb.awaitAnswer(receipt);
      JsonNode item = offlineItem("bob", id);
      assertEquals(1, item.path("recv").asInt(), "web got it, mobile not");
      assertTrue(item.path("recv").isIntegralNumber());
    } finally {
      bobWeb.close();
    }
  }

  @Test
  void readReceiptIsForwarded() throws Exception {
    String id = sendText("read me");
    String receipt = Envelopes.newId();
    bob.send(Envelopes.envelope("bob", "alice", receipt, "MTT-100", "[{\"msg_id\":\"" + id + "\"}]"), "mobile");
    assertEquals("ok", bob.awaitAnswer(receipt).path("result").asText());
    XmppClient.Received forwarded = alice.await(
        r -> r.type().equals("MTT-100") && r.envelope().path("msg_id").asText().equals(receipt),
        Duration.ofSeconds(20));
    assertEquals(id, forwarded.envelope().path("body").path(0).path("msg_id").asText());
  }

  @Test
  void receiptForAnUnknownMessageIsRefusedWithError019() throws Exception {
    String receipt = Envelopes.newId();
    bob.send(Envelopes.envelope("bob", "alice", receipt, "MTC-000", "[{\"msg_id\":\"no-such-message\"}]"), null);
    JsonNode answer = bob.awaitAnswer(receipt);
    assertEquals("fail", answer.path("result").asText());
    assertEquals("error-019", answer.path("result_detail").asText());
  }

  @Test
  void senderRecallsWithinTheWindow() throws Exception {
    String id = sendText("oops");
    String recall = Envelopes.newId();
    alice.send(Envelopes.envelope("alice", "bob", recall, "MTT-101", "[{\"msg_id\":\"" + id + "\"}]"), "web");
    assertEquals("ok", alice.awaitAnswer(recall).path("result").asText());

    XmppClient.Received notice = bob.await(
        r -> r.type().equals("MTT-101") && r.envelope().path("msg_id").asText().equals(recall),
        Duration.ofSeconds(20));
    assertEquals(id, notice.envelope().path("body").path(0).path("msg_id").asText());

    JsonNode history = Http.get("findChatHistory", Map.of("session_id", "alice", "user_id", "bob", "length", "50")).json();
    JsonNode recalled = find(history.path("message_list"), id);
    assertTrue(recalled.path("recalled").asBoolean(), "marked recalled in history");
    assertEquals("[]", recalled.path("body").asText(), "its body is removed");
    JsonNode offline = offlineItem("bob", id);
    assertEquals("[]", offline.path("body").asText(), "removed from the offline copy too");
  }

  @Test
  void onlyTheSenderMayRecall() throws Exception {
    String id = sendText("mine");
    String recall = Envelopes.newId();
    bob.send(Envelopes.envelope("bob", "alice", recall, "MTT-101", "[{\"msg_id\":\"" + id + "\"}]"), null);
    JsonNode answer = bob.awaitAnswer(recall);
    assertEquals("error-016", answer.path("result_detail").asText());
    JsonNode history = Http.get("findChatHistory", Map.of("session_id", "alice", "user_id", "bob", "length", "50")).json();
    assertTrue(!find(history.path("message_list"), id).path("recalled").asBoolean());
  }

  @Test
  void recallAfterTheWindowIsRefusedWithError017() throws Exception {
    String id = sendText("too late to take back");
    Thread.sleep(Integer.getInteger("it.recall.window.seconds", 6) * 1000L + 500); // past the test server's recall window
    String recall = Envelopes.newId();
    alice.send(Envelopes.envelope("alice", "bob", recall, "MTT-101", "[{\"msg_id\":\"" + id + "\"}]"), null);
    assertEquals("error-017", alice.awaitAnswer(recall).path("result_detail").asText());
  }

  @Test
  void agreedClearingRequestClearsTheHistoryForBoth() throws Exception {
    XmppClient carol = XmppClient.online("carol", "mobile");
    try {
      String id = Envelopes.newId();
      carol.send(Envelopes.text("carol", "bob", id, "to be cleared"), null);
      assertEquals("ok", carol.awaitAnswer(id).path("result").asText());

      String request = Envelopes.newId();
      carol.send(Envelopes.envelope("carol", "bob", request, "MTT-200", "[{\"info\":\"clear?\"}]"), null);
      carol.awaitAnswer(request);
      bob.await(r -> r.envelope().path("msg_id").asText().equals(request), Duration.ofSeconds(20));

      String answer = Envelopes.newId();
      bob.send(Envelopes.envelope("bob", "carol", answer, "MTT-201", "[{\"status\":\"0\"}]"), null);
      assertEquals("ok", bob.awaitAnswer(answer).path("result").asText());
      carol.await(r -> r.envelope().path("msg_id").asText().equals(answer), Duration.ofSeconds(20));

      JsonNode history = Http.get("findChatHistory", Map.of("session_id", "carol", "user_id", "bob")).json();
      assertEquals(0, history.path("total").asInt());
      assertEquals(0, history.path("message_list").size());

      String unasked = Envelopes.newId();
      bob.send(Envelopes.envelope("bob", "carol", unasked, "MTT-201", "[{\"status\":0}]"), null);
      assertEquals("error-021", bob.awaitAnswer(unasked).path("result_detail").asText(),
          "an answer without a request clears nothing");
    } finally {
      carol.close();
    }
  }

  private String sendText(String text) throws Exception {
    String id = Envelopes.newId();
    alice.send(Envelopes.text("alice", "bob", id, text), "web");
    assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
    bob.await(r -> r.envelope().path("msg_id").asText().equals(id), Duration.ofSeconds(20));
    return id;
  }

  private static java.util.List<String> offlineIds(String user) throws Exception {
    JsonNode answer = Http.get("getOffline", Map.of("user_id", user, "getThenClear", "1", "length", "1000")).json();
    java.util.List<String> ids = new java.util.ArrayList<>();
    answer.path("message_list").forEach(m -> ids.add(m.path("msg_id").asText()));
    return ids;
  }

  private static JsonNode offlineItem(String user, String msgId) throws Exception {
    JsonNode answer = Http.get("getOffline", Map.of("user_id", user, "getThenClear", "1", "length", "1000")).json();
    return find(answer.path("message_list"), msgId);
  }

  static JsonNode find(JsonNode list, String msgId) {
    for (JsonNode item : list) {
      if (item.path("msg_id").asText().equals(msgId)) {
        return item;
      }
    }
    throw new AssertionError(msgId + " not in " + list);
  }
}
