package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sender's envelopes that queue up while its previous one is handled are accepted together, in
 * one transaction (the connector's onMessages). Each still gets exactly the answer it would get
 * alone, is stored once and delivered once, in order, also when something in the burst is refused
 * or undoes the batch.
 */
class BurstIT extends BlackBoxTest {

  /** Below the per-user burst allowance of the rate limiter (50). */
  private static final int BURST = 40;

  private XmppClient sender;
  private XmppClient receiver;
  private String from;
  private String to;

  @BeforeEach
  void login() throws Exception {
    String suffix = Envelopes.newId().substring(0, 8);
    from = "burst-from-" + suffix;
    to = "burst-to-" + suffix;
    receiver = XmppClient.onlineAs(to, "web");
    sender = XmppClient.onlineAs(from, "mobile");
  }

  @AfterEach
  void logout() {
    sender.close();
    receiver.close();
  }

  @Test
  void aBurstIsStoredOnceDeliveredInOrderAndSharesTransactions() throws Exception {
    String resend = Envelopes.newId();
    sender.send(Envelopes.text(from, to, resend, "before the burst"), null);
    assertEquals("ok", sender.awaitAnswer(resend).path("result").asText());
    receiver.awaitMsgId(resend);

    // every answer each msg_id must get: ok, or a code for a check that writes nothing; ""
    // stands for envelopes too broken to name their msg_id
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    List<String> delivered = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<String> burst = new ArrayList<>();
    String repeated = null;
    for (int i = 0; i < BURST; i++) {
      String id = Envelopes.newId();
      String answeredId = id;
      String outcome = "ok";
      switch (i % 10) {
        case 3 -> {
          burst.add(Envelopes.text("someone-else", to, id, "spoofed " + i));
          outcome = "error-012";
          refused.add(id);
        }
        case 4 -> {
          // a spoofed envelope reusing a stored msg_id is refused, not taken for a resend
          burst.add(Envelopes.text("someone-else", to, resend, "spoofed resend"));
          answeredId = resend;
          outcome = "error-012";
        }
        case 5 -> {
          burst.add(Envelopes.text(from, to, resend, "a resend of a stored one"));
          answeredId = resend;
        }
        case 7 -> {
          burst.add(Envelopes.text(from, to, repeated, "the same envelope again"));
          answeredId = repeated;
        }
        case 9 -> {
          burst.add("{\"msg_id\":\"" + id + "\", \"msg_type\": "); // not JSON
          answeredId = "";
          outcome = "error-005";
        }
        default -> {
          burst.add(Envelopes.text(from, to, id, "burst " + i));
          delivered.add(id);
          repeated = id;
        }
      }
      wanted.computeIfAbsent(answeredId, k -> new ArrayList<>()).add(outcome);
    }
    sendAll(burst);

    assertEquals(sorted(wanted), sorted(answers(BURST)), "every envelope's answer, by msg_id");
    receiveInOrder("MTT-000", delivered);
    // alone, every envelope would be stored by a transaction of its own
    int transactions = transactionsThatStored(delivered);
    assertTrue(
        transactions < delivered.size() / 2,
        delivered.size() + " messages were stored by " + transactions + " transactions");
    assertEquals(
        delivered.size(), TestEnvironment.storedMessages(delivered.toArray(String[]::new)));
    assertEquals(1, TestEnvironment.storedMessages(resend), "the resend was not stored again");
    assertEquals(0, TestEnvironment.storedMessages(refused.toArray(String[]::new)));
    // copies of one pair arrive in order: whatever else the burst sent came before this marker
    String marker = Envelopes.newId();
    sender.send(Envelopes.text(from, to, marker, "marker"), null);
    assertEquals("ok", outcome(sender.awaitAnswer(marker)));
    receiver.awaitMsgId(marker);
    assertEquals(
        List.of(),
        receiver.drain().stream()
            .filter(r -> r.type().equals("MTT-000"))
            .map(r -> r.envelope().path("msg_id").asText())
            .toList(),
        "no other message reached the receiver");
  }

  @Test
  void aRefusalThatUndoesTheBatchStillGivesEveryEnvelopeItsOwnAnswer() throws Exception {
    // a first message to a new peer inside the burst creates their pair: its MTT-102 must
    // survive the batch being undone
    String third = "burst-third-" + Envelopes.newId().substring(0, 8);
    TestEnvironment.knownUsers(third);
    Map<String, String> expected = new LinkedHashMap<>();
    List<String> delivered = new ArrayList<>();
    List<String> burst = new ArrayList<>();
    for (int i = 0; i < BURST / 2; i++) {
      String id = Envelopes.newId();
      if (i == 3) {
        burst.add(Envelopes.text(from, third, id, "hello, new peer"));
        expected.put(id, "ok");
        continue;
      }
      switch (i % 6) {
        case 2 -> {
          // refused without undoing the batch (the check writes nothing)
          burst.add(Envelopes.text(from, "nobody-" + id.substring(0, 8), id, "to no one"));
          expected.put(id, "error-013");
        }
        case 4 -> {
          // refused by the receipt bean, which marks the transaction: the batch is undone and
          // its envelopes are accepted one at a time
          burst.add(Envelopes.about(from, to, id, "MTC-000", Envelopes.newId()));
          expected.put(id, "error-019");
        }
        default -> {
          burst.add(Envelopes.text(from, to, id, "burst " + i));
          expected.put(id, "ok");
          delivered.add(id);
        }
      }
    }
    sendAndCheckAnswers(burst, expected);
    receiveInOrder("MTT-000", delivered);
    assertEquals(
        delivered.size() + 1,
        TestEnvironment.storedMessages(expected.keySet().toArray(String[]::new)),
        "exactly the accepted ones are stored");
    sender.await("MTT-102", "session_id", third);
    // the pair's copies arrive in order: a second MTT-102 would come before third's reply
    TestEnvironment.registerXmppUser(third, third + "pw");
    try (XmppClient thirdClient = XmppClient.online(third, "mobile")) {
      String reply = Envelopes.newId();
      thirdClient.send(Envelopes.text(third, from, reply, "hello back"), null);
      assertEquals("ok", outcome(thirdClient.awaitAnswer(reply)));
      sender.awaitMsgId(reply);
    }
    assertEquals(
        0,
        sender.drain().stream()
            .filter(r -> r.type().equals("MTT-102") && r.bodyText("session_id").equals(third))
            .count(),
        "the new pair is announced once");
  }

  @Test
  void aBurstMixingGroupMessagesReceiptsAndARecallKeepsEachOnesMeaning() throws Exception {
    TestEnvironment.knownUsers("alice"); // a third member, offline
    String group = Groups.byService(from, to, "alice");
    receiver.await(r -> r.type().equals("MTS-105"), Duration.ofSeconds(20));

    Map<String, String> expected = new LinkedHashMap<>();
    List<String> groupCopies = new ArrayList<>();
    List<String> burst = new ArrayList<>();
    String recalled = Envelopes.newId();
    String recall = Envelopes.newId();
    String firstGroup = null;
    String[] unknownGroup = new String[1];
    for (int i = 0; i < 24; i++) {
      String id = Envelopes.newId();
      switch (i) {
        case 5 -> {
          // a 1:1 message and its recall in the same burst: the recall finds it
          burst.add(Envelopes.text(from, to, recalled, "soon gone"));
          expected.put(recalled, "ok");
          burst.add(Envelopes.about(from, to, recall, "MTT-101", recalled));
          expected.put(recall, "ok");
        }
        case 9 -> {
          // a read receipt for a group message of this very burst
          burst.add(Envelopes.aboutInGroup(from, group, id, "MTS-100", firstGroup));
          expected.put(id, "ok");
        }
        case 13 -> {
          // twice: the second copy gets the first one's refusal, not an ok for a resend
          burst.add(GroupMessageIT.groupText(from, "no-such-group-" + id, id, "lost"));
          burst.add(GroupMessageIT.groupText(from, "no-such-group-" + id, id, "lost"));
          expected.put(id, "error-009");
          unknownGroup[0] = id;
        }
        default -> {
          burst.add(GroupMessageIT.groupText(from, group, id, "group " + i));
          expected.put(id, "ok");
          groupCopies.add(id);
          if (firstGroup == null) {
            firstGroup = id;
          }
        }
      }
    }
    sendAndCheckAnswers(burst, expected);
    assertEquals("error-009", outcome(sender.awaitAnswer(unknownGroup[0])), "the second copy");
    for (XmppClient.Received copy : receiveInOrder("MTS-000", groupCopies)) {
      assertEquals(
          to, copy.envelope().path("msg_to").asText(), "each copy is addressed to its member");
    }
    receiver.await(
        r -> r.type().equals("MTT-101") && r.envelope().path("msg_id").asText().equals(recall),
        Duration.ofSeconds(20));
    assertEquals(
        groupCopies.size(), TestEnvironment.storedMessages(groupCopies.toArray(String[]::new)));
    int transactions = transactionsThatStored(groupCopies);
    assertTrue(
        transactions < groupCopies.size() / 2,
        groupCopies.size() + " group messages were stored by " + transactions + " transactions");
    assertEquals(
        1,
        TestEnvironment.count(
            "select count(*) from tlim_message where msg_id = ? and recalled and body = '[]'",
            recalled),
        "the recalled message stays, marked and emptied");
  }

  /** Sends the burst's envelopes back to back, so that they queue behind one another. */
  private void sendAll(List<String> burst) throws Exception {
    for (String envelope : burst) {
      sender.send(envelope, null);
    }
  }

  /** {@link #sendAll}, then checks each msg_id's answer (ok or its code), in this order. */
  private void sendAndCheckAnswers(List<String> burst, Map<String, String> expected)
      throws Exception {
    sendAll(burst);
    for (Map.Entry<String, String> each : expected.entrySet()) {
      assertEquals(each.getValue(), outcome(sender.awaitAnswer(each.getKey())), each.getKey());
    }
  }

  /** The receiver's next copies of this type: these msg_ids, once each, in this order. */
  private List<XmppClient.Received> receiveInOrder(String type, List<String> msgIds)
      throws InterruptedException {
    List<XmppClient.Received> copies = new ArrayList<>();
    for (String id : msgIds) {
      XmppClient.Received copy = receiver.await(r -> r.type().equals(type), Duration.ofSeconds(20));
      assertEquals(
          id, copy.envelope().path("msg_id").asText(), type + " copies arrive once each, in order");
      copies.add(copy);
    }
    return copies;
  }

  private static String outcome(com.fasterxml.jackson.databind.JsonNode answer) {
    String result = answer.path("result").asText();
    return result.equals("ok") ? "ok" : answer.path("result_detail").asText();
  }

  /** The next {@code count} MTC-001 answers, their outcomes grouped by the msg_id they name. */
  private Map<String, List<String>> answers(int count) throws InterruptedException {
    Map<String, List<String>> got = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      com.fasterxml.jackson.databind.JsonNode answer =
          sender
              .await(r -> r.type().equals("MTC-001"), Duration.ofSeconds(20))
              .envelope()
              .path("body")
              .path(0);
      got.computeIfAbsent(answer.path("msg_id").asText(), k -> new ArrayList<>())
          .add(outcome(answer));
    }
    return got;
  }

  private static Map<String, List<String>> sorted(Map<String, List<String>> answers) {
    Map<String, List<String>> sorted = new java.util.TreeMap<>();
    answers.forEach((id, outcomes) -> sorted.put(id, outcomes.stream().sorted().toList()));
    return sorted;
  }

  /**
   * How many transactions inserted these messages: rows a transaction inserts carry its id in
   * PostgreSQL's {@code xmin}.
   */
  private static int transactionsThatStored(List<String> msgIds) throws SQLException {
    try (var db = TestEnvironment.database();
        var q =
            db.prepareStatement(
                "select count(distinct xmin::text) from tlim_message where msg_id = any(?)")) {
      q.setArray(1, db.createArrayOf("varchar", msgIds.toArray()));
      try (var rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
