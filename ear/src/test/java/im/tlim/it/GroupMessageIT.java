package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A group of five, two of them offline: messages are stored once, fanned out to the members online,
 * and wait in order for the others, who read them with getOffline after reconnecting.
 */
class GroupMessageIT extends BlackBoxTest {

  @Test
  void groupOfFiveWithTwoOffline() throws Exception {
    // dave and erin are known to the service, then go offline
    XmppClient.online("dave", "mobile").close();
    XmppClient.online("erin", "mobile").close();
    try (XmppClient alice = XmppClient.online("alice", "mobile");
        XmppClient bob = XmppClient.online("bob", "mobile");
        XmppClient carol = XmppClient.online("carol", "web")) {
      JsonNode session =
          Groups.create(
              TestEnvironment.serviceToken(), "alice", List.of("bob", "carol", "dave", "erin"));
      String sessionId = session.path("session_id").asText();
      assertEquals("alice", session.path("session_user").asText());
      assertEquals("alice,bob,carol,dave,erin", session.path("session_name").asText());
      assertEquals(5, session.path("subscribers").size());
      assertTrue(session.path("session_create_time").asText().matches("\\d+"));

      for (XmppClient member : List.of(alice, bob, carol)) {
        XmppClient.Received notice = member.await("MTS-105", "session_id", sessionId);
        assertEquals(member.user, notice.envelope().path("msg_to").asText());
      }

      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = Envelopes.newId();
        sent.add(id);
        alice.send(groupText("alice", sessionId, id, "hello group " + i), "mobile");
      }
      for (String id : sent) {
        assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
      }
      for (XmppClient member : List.of(bob, carol)) {
        for (int i = 0; i < sent.size(); i++) {
          String id = sent.get(i);
          XmppClient.Received copy = member.awaitMsgId(id);
          assertEquals(
              member.user,
              copy.envelope().path("msg_to").asText(),
              "each copy is addressed to its member");
          assertEquals("hello group " + i, copy.bodyText("text"));
        }
      }
      assertEquals(
          sent.size(),
          TestEnvironment.storedMessages(sent.toArray(String[]::new)),
          "each group message is stored once");

      // group read receipt, forwarded to the sender
      String receipt =
          bob.sendOk(
              Envelopes.aboutInGroup("bob", sessionId, Envelopes.newId(), "MTS-100", sent.get(2)),
              "mobile");
      alice.awaitMsgId(receipt);

      // group recall: the members are told with an MTS-101 system message
      alice.sendOk(
          Envelopes.aboutInGroup("alice", sessionId, Envelopes.newId(), "MTS-101", sent.get(0)),
          "mobile");
      XmppClient.Received told = carol.await("MTS-101", "msg_id", sent.get(0));
      assertEquals("system", told.envelope().path("msg_from").asText());

      // dave reconnects: everything, in order, from the offline store; then it is cleared
      try (XmppClient dave = XmppClient.online("dave", "mobile")) {
        JsonNode offline =
            Http.get("getOffline", Map.of("user_id", "dave", "getThenClear", "0")).json();
        assertEquals("ok", offline.path("result").asText());
        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode item : offline.path("message_list")) {
          if (item.path("body").asText().contains(sessionId)
              || item.path("msg_type").asText().startsWith("MTS")) {
            types.add(item.path("msg_type").asText());
            ids.add(item.path("msg_id").asText());
            assertEquals("dave", item.path("msg_to").asText());
            assertEquals(0, item.path("recv").asInt());
          }
        }
        assertEquals(List.of("MTS-105", "MTS-000", "MTS-000", "MTS-000", "MTS-101"), types);
        assertEquals(sent, ids.subList(1, 4), "in the order they were sent");
        JsonNode recalled = ReceiptsAndRecallIT.find(offline.path("message_list"), sent.get(0));
        assertTrue(recalled.path("recalled").asBoolean());
        JsonNode again =
            Http.get("getOffline", Map.of("user_id", "dave", "getThenClear", "0")).json();
        assertFalse(
            again.path("message_list").toString().contains(sessionId), "cleared after reading");
      }

      // erin only peeks: getThenClear=1 keeps them
      JsonNode peek = Http.get("getOffline", Map.of("user_id", "erin", "getThenClear", "1")).json();
      JsonNode peekAgain =
          Http.get("getOffline", Map.of("user_id", "erin", "getThenClear", "1")).json();
      assertEquals(peek.path("message_list"), peekAgain.path("message_list"));
      ReceiptsAndRecallIT.find(peekAgain.path("message_list"), sent.get(2));

      // syncMessage: everything for bob after the first message, in order
      JsonNode sync =
          Http.get("syncMessage", Map.of("msg_to", "bob", "msg_id", sent.get(0))).json();
      List<String> synced = new ArrayList<>();
      sync.path("messageList").forEach(m -> synced.add(m.path("msg_id").asText()));
      assertTrue(
          synced.indexOf(sent.get(1)) >= 0
              && synced.indexOf(sent.get(1)) < synced.indexOf(sent.get(2)),
          synced.toString());
      assertFalse(synced.contains(sent.get(0)));
    }
  }

  @Test
  void groupMessagesAreRefusedForNonMembersAndUnknownSessions() throws Exception {
    TestEnvironment.knownUsers("alice", "bob", "carol");
    try (XmppClient alice = XmppClient.online("alice", "mobile");
        XmppClient carol = XmppClient.online("carol", "mobile")) {
      String sessionId =
          Http.postJson(
                  "addSession",
                  "{session_type:0, request_user:'alice', subscribers:[{user_id:'bob'}]}")
              .json()
              .path("session_id")
              .asText();

      String outsider = Envelopes.newId();
      carol.send(groupText("carol", sessionId, outsider, "let me in"), null);
      assertEquals("error-014", carol.awaitAnswer(outsider).path("result_detail").asText());

      String unknown = Envelopes.newId();
      alice.send(groupText("alice", "no-such-session", unknown, "anyone?"), null);
      assertEquals("error-009", alice.awaitAnswer(unknown).path("result_detail").asText());

      String noSession = Envelopes.newId();
      alice.send(
          Envelopes.envelope("alice", "", noSession, "MTS-000", "[{\"text\":\"where?\"}]"), null);
      assertEquals("error-007", alice.awaitAnswer(noSession).path("result_detail").asText());

      String systemType = Envelopes.newId();
      alice.send(
          Envelopes.envelope(
              "alice",
              sessionId,
              systemType,
              "MTS-105",
              "[{\"session_id\":\"" + sessionId + "\"}]"),
          null);
      assertEquals("error-022", alice.awaitAnswer(systemType).path("result_detail").asText());

      assertEquals(0, TestEnvironment.storedMessages(outsider, unknown, noSession, systemType));
    }
  }

  @Test
  void addSessionWithAnUnknownUserCreatesNothing() throws Exception {
    TestEnvironment.knownUsers("alice", "bob");
    int sessions = TestEnvironment.count("select count(*) from tlim_session", "");
    int members = TestEnvironment.count("select count(*) from tlim_member", "");
    Http.Answer answer =
        Http.postJson(
            "addSession",
            "{session_type:0, request_user:'alice', subscribers:[{user_id:'bob'},{user_id:'nobody-knows-me'}]}");
    assertEquals(404, answer.status());
    assertEquals("error-013", answer.detail());
    assertTrue(
        answer.json().path("detail").asText().contains("nobody-knows-me"),
        "the code names the user");
    assertEquals(
        sessions,
        TestEnvironment.count("select count(*) from tlim_session", ""),
        "no session created");
    assertEquals(
        members, TestEnvironment.count("select count(*) from tlim_member", ""), "no member added");

    Http.Answer badType =
        Http.postJson("addSession", "{session_type:7, request_user:'alice', subscribers:[]}");
    assertEquals("error-002", badType.detail());
    Http.Answer badList =
        Http.postForm(
            "addSession",
            Map.of("session_type", "0", "request_user", "alice", "subscribers", "[{user_id:"));
    assertEquals("error-026", badList.detail());
  }

  static String groupText(String from, String sessionId, String msgId, String text) {
    return Envelopes.envelope(
        from,
        sessionId,
        msgId,
        "MTS-000",
        "[{\"session_id\":\"" + sessionId + "\",\"text\":\"" + text + "\"}]");
  }
}
