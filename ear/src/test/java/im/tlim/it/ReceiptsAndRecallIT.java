package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delivered and read receipts, recall, and clearing a 1:1 history, between real clients. */
class ReceiptsAndRecallIT extends AliceAndBobOnline {

  ReceiptsAndRecallIT() {
    super("web", "mobile");
  }

  @Test
  void deliveredReceiptIsForwardedAndEndsTheOfflineCopy() throws Exception {
    String id = sendText("delivered?");
    assertTrue(offlineIds("bob").contains(id), "waits in the offline store until acknowledged");

    String receipt = sendAbout(bob, "alice", "MTC-000", id, "mobile");

    XmppClient.Received forwarded = awaitEnvelope(alice, "MTC-000", receipt);
    assertEquals(id, forwarded.bodyText("msg_id"));
    assertEquals("bob", forwarded.envelope().path("msg_from").asText());
    assertTrue(!offlineIds("bob").contains(id), "a mobile acknowledgement ends the offline copy");
  }

  @Test
  void webAcknowledgementIsReportedAsRecvOne() throws Exception {
    XmppClient bobWeb = XmppClient.online("bob", "web");
    try {
      String id = sendText("for the web");
      bobWeb.answerTo(Envelopes.about("bob", "alice", Envelopes.newId(), "MTC-000", id), "web");
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
    String receipt = sendAbout(bob, "alice", "MTT-100", id, "mobile");
    assertEquals(id, awaitEnvelope(alice, "MTT-100", receipt).bodyText("msg_id"));
  }

  @Test
  void receiptForAnUnknownMessageIsRefusedWithError019() throws Exception {
    JsonNode answer =
        bob.answerTo(
            Envelopes.about("bob", "alice", Envelopes.newId(), "MTC-000", "no-such-message"), null);
    assertEquals("fail", answer.path("result").asText());
    assertEquals("error-019", answer.path("result_detail").asText());
  }

  @Test
  void senderRecallsWithinTheWindow() throws Exception {
    String id = sendText("oops");
    String recall = sendAbout(alice, "bob", "MTT-101", id, "web");
    assertEquals(id, awaitEnvelope(bob, "MTT-101", recall).bodyText("msg_id"));

    JsonNode history = Http.historyAs("bob", "findChatHistory", "alice");
    JsonNode recalled = find(history.path("message_list"), id);
    assertTrue(recalled.path("recalled").asBoolean(), "marked recalled in history");
    assertEquals("[]", recalled.path("body").asText(), "its body is removed");
    JsonNode offline = offlineItem("bob", id);
    assertEquals("[]", offline.path("body").asText(), "removed from the offline copy too");
  }

  @Test
  void onlyTheSenderMayRecall() throws Exception {
    String id = sendText("mine");
    JsonNode answer =
        bob.answerTo(Envelopes.about("bob", "alice", Envelopes.newId(), "MTT-101", id), null);
    assertEquals("error-016", answer.path("result_detail").asText());
    JsonNode history = Http.historyAs("bob", "findChatHistory", "alice");
    assertTrue(!find(history.path("message_list"), id).path("recalled").asBoolean());
  }

  @Test
  void recallAfterTheWindowIsRefusedWithError017() throws Exception {
    String id = sendText("too late to take back");
    Thread.sleep(
        Integer.getInteger("it.recall.window.seconds", 6) * 1000L
            + 500); // past the test server's recall window
    JsonNode answer =
        alice.answerTo(Envelopes.about("alice", "bob", Envelopes.newId(), "MTT-101", id), null);
    assertEquals("error-017", answer.path("result_detail").asText());
  }

  @Test
  void agreedClearingRequestClearsTheHistoryForBoth() throws Exception {
    XmppClient carol = XmppClient.online("carol", "mobile");
    try {
      String id =
          carol.sendOk(Envelopes.text("carol", "bob", Envelopes.newId(), "to be cleared"), null);

      String request = Envelopes.newId();
      carol.send(
          Envelopes.envelope("carol", "bob", request, "MTT-200", "[{\"info\":\"clear?\"}]"), null);
      carol.awaitAnswer(request);
      bob.awaitMsgId(request);

      String answer =
          bob.sendOk(
              Envelopes.envelope(
                  "bob", "carol", Envelopes.newId(), "MTT-201", "[{\"status\":\"0\"}]"),
              null);
      carol.awaitMsgId(answer);

      JsonNode history =
          Http.get("findChatHistory", Map.of("session_id", "carol", "user_id", "bob")).json();
      assertEquals(0, history.path("total").asInt());
      assertEquals(0, history.path("message_list").size());

      String unasked = Envelopes.newId();
      bob.send(Envelopes.envelope("bob", "carol", unasked, "MTT-201", "[{\"status\":0}]"), null);
      assertEquals(
          "error-021",
          bob.awaitAnswer(unasked).path("result_detail").asText(),
          "an answer without a request clears nothing");
    } finally {
      carol.close();
    }
  }

  // ---- what a user who is away when it is sent finds later ----------------------------------

  @Test
  void clearingRequestAndAnswerWaitForAnOfflinePeerInTheOfflineStore() throws Exception {
    String asker = fresh("asker");
    String peer = fresh("peer");
    String text = Envelopes.newId();
    String request = Envelopes.newId();
    try (XmppClient a = XmppClient.online(asker, "mobile")) {
      a.send(Envelopes.text(asker, peer, text, "before clearing"), null);
      assertEquals("ok", a.awaitAnswer(text).path("result").asText());
      a.send(Envelopes.envelope(asker, peer, request, "MTT-200", "[{\"info\":\"clear?\"}]"), null);
      assertEquals("ok", a.awaitAnswer(request).path("result").asText());
      a.send(Envelopes.envelope(asker, peer, request, "MTT-200", "[{\"info\":\"clear?\"}]"), null);
      assertEquals(
          "ok", a.awaitAnswer(request).path("result").asText(), "a resend is answered again");
    }
    assertEquals(1, TestEnvironment.storedMessages(request), "stored once, for the peer");
    JsonNode history = Http.historyAs(asker, "findChatHistory", peer);
    assertEquals(1, history.path("total").asInt(), "a clearing request is not part of the history");

    String answer = Envelopes.newId();
    try (XmppClient p = XmppClient.online(peer, "mobile")) {
      JsonNode waiting = ownOffline(peer);
      JsonNode item = find(waiting, request);
      assertEquals("MTT-200", item.path("msg_type").asText());
      assertEquals(asker, item.path("msg_from").asText());
      assertEquals(peer, item.path("msg_to").asText());
      p.send(Envelopes.envelope(peer, asker, answer, "MTT-201", "[{\"status\":\"0\"}]"), null);
      assertEquals(
          "ok", p.awaitAnswer(answer).path("result").asText(), "the stored request is answered");
    }
    JsonNode cleared = Http.historyAs(asker, "findChatHistory", peer);
    assertEquals(0, cleared.path("total").asInt());
    assertEquals(0, cleared.path("message_list").size(), "the history is cleared for both");
    JsonNode told = find(ownOffline(asker), answer);
    assertEquals(
        "MTT-201", told.path("msg_type").asText(), "the answer waits for the asker, who was away");
    assertEquals(asker, told.path("msg_to").asText());
  }

  @Test
  void receiptsForAnOfflineSenderWaitInTheirOfflineStore() throws Exception {
    String sender = fresh("sender");
    String id = Envelopes.newId();
    try (XmppClient s = XmppClient.online(sender, "mobile")) {
      s.send(Envelopes.text(sender, "bob", id, "read me later"), null);
      assertEquals("ok", s.awaitAnswer(id).path("result").asText());
      bob.awaitMsgId(id);
    }
    String delivered = sendAbout(bob, sender, "MTC-000", id, "mobile");
    String readState = Envelopes.about("bob", sender, Envelopes.newId(), "MTT-100", id);
    String read = bob.sendOk(readState, "mobile");
    assertEquals(read, bob.sendOk(readState, "mobile"), "a resend is answered again");
    assertEquals(1, TestEnvironment.storedMessages(read), "stored once");

    try (XmppClient s = XmppClient.online(sender, "mobile")) {
      JsonNode waiting = ownOffline(sender);
      for (String receipt : java.util.List.of(delivered, read)) {
        JsonNode item = find(waiting, receipt);
        assertEquals("bob", item.path("msg_from").asText());
        assertEquals(sender, item.path("msg_to").asText());
        assertEquals(
            id,
            XmppClient.JSON.readTree(item.path("body").asText()).path(0).path("msg_id").asText());
      }
      JsonNode history = Http.historyAs(sender, "findChatHistory", "bob");
      assertEquals(1, history.path("total").asInt(), "receipts are not part of the history");
      assertEquals(1, history.path("message_list").size());
      JsonNode unread =
          Http.getAs(TestEnvironment.userToken(sender), "hasUnread", Map.of("user_id", sender))
              .json();
      assertTrue(
          unread.path("data").isBoolean() && !unread.path("data").asBoolean(),
          "a receipt is not an unread message: " + unread);

      // a mobile acknowledgement of a receipt ends its offline entry, and is not forwarded on
      String ack = sendAbout(s, "bob", "MTC-000", read, "mobile");
      assertTrue(
          ownOffline(sender).toString().indexOf(read) < 0,
          "acknowledged: gone from the offline store");
      assertEquals(
          0, TestEnvironment.storedMessages(ack), "an acknowledgement of a receipt is not stored");
    }
  }

  // ---- every device of the reader in step ----------------------------------------------------

  @Test
  void receiptsReachTheReadersOtherDevices() throws Exception {
    try (XmppClient bobWeb = XmppClient.online("bob", "web")) {
      String id = sendText("read on the phone");
      bobWeb.awaitMsgId(id);
      for (String type : java.util.List.of("MTC-000", "MTT-100")) {
        String receipt = sendAbout(bob, "alice", type, id, "mobile");
        XmppClient.Received echo = awaitEnvelope(bobWeb, type, receipt);
        assertEquals(id, echo.bodyText("msg_id"));
        assertEquals("mobile", echo.location(), "the echo names the device that read it");
        awaitEnvelope(alice, type, receipt);
      }
      // the reading device itself gets no echo: a later message in the same session comes after it
      String marker = sendText("marker");
      bobWeb.awaitMsgId(marker);
      assertTrue(
          bob.drain().stream()
              .noneMatch(r -> r.type().equals("MTT-100") || r.type().equals("MTC-000")),
          "no echo to the device that sent the receipt");
    }
  }

  // ---- recall rules ----------------------------------------------------------------------------

  @Test
  void groupRecallIsAnnouncedWithAnMts101SystemMessage() throws Exception {
    String group = Groups.byCreator("alice", "bob");
    String id =
        alice.sendOk(
            GroupMessageIT.groupText("alice", group, Envelopes.newId(), "take back"), "web");
    bob.awaitMsgId(id);

    String envelope = Envelopes.aboutInGroup("alice", group, Envelopes.newId(), "MTS-101", id);
    String recall = alice.sendOk(envelope, "web");
    XmppClient.Received notice = bob.await("MTS-101", "msg_id", id);
    assertEquals("system", notice.envelope().path("msg_from").asText(), "a system message");
    assertEquals("bob", notice.envelope().path("msg_to").asText());
    assertEquals(group, notice.bodyText("session_id"));
    assertEquals("alice", notice.bodyText("user_id"), "names who recalled");
    assertEquals(
        0,
        TestEnvironment.storedMessages(recall),
        "the client's own envelope is not what is stored");

    JsonNode history = Http.historyAs("bob", "findSessionHistory", group);
    JsonNode stored = find(history.path("message_list"), notice.envelope().path("msg_id").asText());
    assertEquals("MTS-101", stored.path("msg_type").asText());
    assertEquals("system", stored.path("msg_from").asText());
    assertTrue(find(history.path("message_list"), id).path("recalled").asBoolean());

    // a resend is answered again and announced once: a later message comes with nothing before it
    alice.sendOk(envelope, "web");
    String marker = Envelopes.newId();
    alice.send(GroupMessageIT.groupText("alice", group, marker, "marker"), "web");
    alice.awaitAnswer(marker);
    bob.awaitMsgId(marker);
    assertTrue(bob.drain().stream().noneMatch(r -> r.type().equals("MTS-101")), "announced once");
  }

  @Test
  void recallInAClosedSessionIsRefusedWithError015() throws Exception {
    String group = Groups.byCreator("alice", "bob");
    String id =
        alice.sendOk(
            GroupMessageIT.groupText("alice", group, Envelopes.newId(), "before closing"), null);
    Http.Answer closed =
        Http.getAs(
            TestEnvironment.userToken("alice"),
            "deleteSession",
            Map.of("session_id", group, "request_user", "alice"));
    closed.assertOk();
    bob.await("MTS-107", "session_id", group);

    assertEquals("error-015", recallInGroup(alice, group, id).path("result_detail").asText());
    assertNotRecalled(group, "alice", id);
  }

  @Test
  void recallByAFormerMemberIsRefusedWithError014() throws Exception {
    String group = Groups.byCreator("alice", "bob");
    String id =
        bob.sendOk(GroupMessageIT.groupText("bob", group, Envelopes.newId(), "then I leave"), null);
    Groups.remove("bob", group, "bob");
    alice.await("MTS-104", "session_id", group);

    assertEquals("error-014", recallInGroup(bob, group, id).path("result_detail").asText());
    assertNotRecalled(group, "alice", id);
    // nothing reached alice: a later system message of the group comes with no notice before it
    Groups.add("alice", group, "carol");
    alice.await("MTS-106", "session_id", group);
    assertTrue(
        alice.drain().stream().noneMatch(r -> r.type().equals("MTS-101")), "no recall notice");
  }

  /** Sends an envelope about the message {@code id} and asserts it is accepted; its msg_id. */
  private static String sendAbout(
      XmppClient from, String to, String type, String id, String location) throws Exception {
    return from.sendOk(Envelopes.about(from.user, to, Envelopes.newId(), type, id), location);
  }

  /** The member's MTS-101 recall of the message {@code id} of the group; its answer. */
  private static JsonNode recallInGroup(XmppClient member, String group, String id)
      throws Exception {
    return member.answerTo(
        Envelopes.aboutInGroup(member.user, group, Envelopes.newId(), "MTS-101", id), null);
  }

  /** The next envelope of this type with this msg_id (a forwarded receipt, an echo, a notice). */
  private static XmppClient.Received awaitEnvelope(XmppClient client, String type, String msgId)
      throws InterruptedException {
    return client.await(
        r -> r.type().equals(type) && r.envelope().path("msg_id").asText().equals(msgId),
        Duration.ofSeconds(20));
  }

  private static void assertNotRecalled(String group, String reader, String id) throws Exception {
    JsonNode history = Http.historyAs(reader, "findSessionHistory", group);
    assertTrue(
        !find(history.path("message_list"), id).path("recalled").asBoolean(), "not recalled");
    assertEquals(
        0,
        TestEnvironment.count(
            "select count(*) from tlim_message where msg_type = 'MTS-101' and body like ?",
            "%" + id + "%"),
        "no recall notice stored");
  }

  /** A user made for one test: known to the directory, with an XMPP account, offline. */
  private static String fresh(String name) throws Exception {
    String id = name + "-" + Envelopes.newId().substring(0, 8);
    TestEnvironment.knownUsers(id);
    TestEnvironment.registerXmppUser(id, id + "pw");
    return id;
  }

  /** The user's offline store, read with their own token and left as it is. */
  private static JsonNode ownOffline(String user) throws Exception {
    JsonNode answer =
        Http.getAs(
                TestEnvironment.userToken(user),
                "getOffline",
                Map.of("user_id", user, "getThenClear", "1", "length", "1000"))
            .json();
    assertEquals("ok", answer.path("result").asText(), answer.toString());
    return answer.path("message_list");
  }

  private String sendText(String text) throws Exception {
    String id = alice.sendOk(Envelopes.text("alice", "bob", Envelopes.newId(), text), "web");
    bob.awaitMsgId(id);
    return id;
  }

  private static java.util.List<String> offlineIds(String user) throws Exception {
    JsonNode answer =
        Http.get("getOffline", Map.of("user_id", user, "getThenClear", "1", "length", "1000"))
            .json();
    java.util.List<String> ids = new java.util.ArrayList<>();
    answer.path("message_list").forEach(m -> ids.add(m.path("msg_id").asText()));
    return ids;
  }

  private static JsonNode offlineItem(String user, String msgId) throws Exception {
    JsonNode answer =
        Http.get("getOffline", Map.of("user_id", user, "getThenClear", "1", "length", "1000"))
            .json();
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
