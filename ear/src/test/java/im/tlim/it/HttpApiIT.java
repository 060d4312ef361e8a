package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The original's HTTP API, black box: each endpoint's happy path with the original's field names
 * and value types, the system messages session operations send over XMPP, and bad input. Each test
 * makes its own users (addUser) so tests do not share state.
 */
class HttpApiIT extends BlackBoxTest {

  /** Fresh directory entries, named; returns their ids. */
  private static List<String> users(String... names) throws Exception {
    List<String> ids = new ArrayList<>();
    StringBuilder json = new StringBuilder("[");
    for (String name : names) {
      String id = UUID.randomUUID().toString().replace("-", "");
      ids.add(id);
      json.append(json.length() > 1 ? "," : "")
          .append("{\"user_id\":\"")
          .append(id)
          .append("\",\"user_name\":\"")
          .append(name)
          .append("\",\"acct_login\":\"")
          .append(name.toLowerCase())
          .append("\",\"pic\":\"p/")
          .append(name)
          .append(".png\"}");
    }
    Http.Answer added = Http.postJson("addUser", "{\"users\":" + json.append("]") + "}");
    added.assertOk();
    return ids;
  }

  @Test
  void sessionsAreFoundWithTheOriginalsFieldsAndTypes() throws Exception {
    List<String> u = users("Anna", "Bruno", "Chen");
    String session = Groups.byService(u.get(0), u.subList(1, 3));

    JsonNode sessions = Http.get("findSessions", Map.of("user_id", u.get(1))).json();
    JsonNode mine = findBy(sessions.path("sessions"), "session_id", session);
    assertEquals("Anna,Bruno,Chen", mine.path("session_name").asText());
    assertTrue(mine.path("session_type").isInt());
    assertEquals(u.get(0), mine.path("session_user").asText());

    JsonNode detail = Http.get("findSession", Map.of("session_id", session)).json();
    assertTrue(detail.path("session_type").isInt());
    assertTrue(detail.path("session_create_time").asText().matches("\\d+"));
    JsonNode bruno = findBy(detail.path("subscribers"), "user_id", u.get(1));
    assertEquals("bruno", bruno.path("acct_login").asText());
    assertEquals("Bruno", bruno.path("user_name").asText());
    assertEquals(session, bruno.path("session_id").asText());
    assertTrue(bruno.path("ts").asText().matches("\\d+"));

    JsonNode subscribers =
        Http.postJson("findSubscribers", "{session_id:'" + session + "'}").json();
    assertEquals(3, subscribers.path("subscribers").size());
    assertEquals(
        "p/Chen.png",
        findBy(subscribers.path("subscribers"), "user_id", u.get(2)).path("pic").asText());
    assertTrue(subscribers.path("session_type").isInt());

    JsonNode pic =
        Http.get("updateSessionPic", Map.of("session_id", session, "session_pic", "pics/group.png"))
            .json();
    assertEquals("pics/group.png", pic.path("session_pic").asText());
    JsonNode web = Http.get("findWebSessions", Map.of("user_id", u.get(2), "valid", "0")).json();
    JsonNode shown = findBy(web.path("sessions"), "session_id", session);
    assertEquals(0, shown.path("valid").asInt());
    assertEquals("pics/group.png", shown.path("session_pic").asText());
    assertTrue(shown.path("session_modify_time").asText().matches("\\d+"));

    JsonNode presence = Http.get("findPresence", Map.of("session_id", session)).json();
    assertTrue(presence.isArray(), "findPresence answers a bare array");
    assertEquals("offline", findBy(presence, "user_id", u.get(0)).path("status").asText());
  }

  @Test
  void findWebSessionsShowsAPairAsItsPeer() throws Exception {
    List<String> u = users("Quinn", "Rosa");
    String quinn = u.get(0);
    String rosa = u.get(1);
    try (XmppClient r = XmppClient.onlineAs(rosa, "mobile");
        XmppClient q = XmppClient.onlineAs(quinn, "mobile")) {
      String id = Envelopes.newId();
      q.send(Envelopes.text(quinn, rosa, id, "pair"), null);
      assertEquals("ok", q.awaitAnswer(id).path("result").asText());
      JsonNode web = Http.get("findWebSessions", Map.of("user_id", rosa)).json();
      JsonNode pair = findBy(web.path("sessions"), "session_id", quinn);
      assertEquals(99, pair.path("session_type").asInt());
      assertEquals("Quinn", pair.path("session_name").asText());
      JsonNode unread = Http.get("hasUnread", Map.of("user_id", rosa)).json();
      assertTrue(unread.path("data").isBoolean());
      assertTrue(unread.path("data").asBoolean());
      assertEquals(
          "ok", Http.get("updateMsgStatus", Map.of("session_id", quinn, "msg_to", rosa)).result());
      assertFalse(Http.get("hasUnread", Map.of("user_id", rosa)).json().path("data").asBoolean());
      JsonNode reads =
          Http.get("findChatReadMsg", Map.of("session_id", rosa, "msg_to", quinn)).json();
      assertEquals(1, findBy(reads.path("sessionReads"), "msg_id", id).path("readNum").asInt());
    }
  }

  @Test
  void modifyingASessionSendsTheSystemMessages() throws Exception {
    List<String> u = users("Dora", "Emil", "Fay", "Gus");
    String session = Groups.byService(u.get(0), u.subList(1, 3));
    try (XmppClient emil = XmppClient.onlineAs(u.get(1), "mobile");
        XmppClient gus = XmppClient.onlineAs(u.get(3), "mobile")) {
      JsonNode renamed =
          Http.postJson("modifySession", "{session_id:'" + session + "', session_name:'Project X'}")
              .json();
      assertEquals(session, renamed.path("session_id").asText());
      assertTrue(renamed.path("session_modify_time").asText().matches("\\d+"));
      XmppClient.Received rename = emil.await("MTS-102", "session_id", session);
      assertEquals("Project X", rename.bodyText("session_name"));

      Http.postJson("modifySession", "{session_id:'" + session + "', session_name:''}");
      assertEquals(
          "Project X",
          Http.get("findSession", Map.of("session_id", session))
              .json()
              .path("session_name")
              .asText(),
          "an empty name leaves the name");

      Http.postJson(
          "modifySession",
          "{session_id:'" + session + "', subscribers:[{user_id:'" + u.get(3) + "', type:'add'}]}");
      XmppClient.Received invited = gus.await("MTS-106", "session_id", session);
      assertEquals(
          u.get(3),
          invited
              .envelope()
              .path("body")
              .path(0)
              .path("subscribers")
              .path(0)
              .path("user_id")
              .asText());

      Http.Answer notCreator = removeMember(session, u.get(1), u.get(2));
      assertEquals(403, notCreator.status());
      assertEquals("error-021", notCreator.detail());

      removeMember(session, u.get(0), u.get(3));
      gus.await("MTS-103", "session_id", session);

      removeMember(session, u.get(1), u.get(1)); // quits
      XmppClient.Received quit = emil.await("MTS-104", "session_id", session);
      assertEquals(u.get(1), quit.bodyText("user_id"));
      assertEquals(
          2,
          Http.get("findSubscribers", Map.of("session_id", session))
              .json()
              .path("subscribers")
              .size());
    }
  }

  @Test
  void closingASessionIsForTheCreatorAndStopsNewMessages() throws Exception {
    List<String> u = users("Hana", "Ivo");
    String session = Groups.byService(u.get(0), List.of(u.get(1)));
    try (XmppClient ivo = XmppClient.onlineAs(u.get(1), "mobile")) {
      Http.Answer refused =
          Http.get("deleteSession", Map.of("session_id", session, "request_user", u.get(1)));
      assertEquals("error-021", refused.detail());

      JsonNode deleted =
          Http.get("deleteSession", Map.of("session_id", session, "request_user", u.get(0))).json();
      assertEquals(session, deleted.path("session_id").asText());
      assertTrue(deleted.path("session_delete_time").asText().matches("\\d+"));
      ivo.await("MTS-107", "session_id", session);

      String late = Envelopes.newId();
      ivo.send(GroupMessageIT.groupText(u.get(1), session, late, "anyone?"), null);
      assertEquals("error-015", ivo.awaitAnswer(late).path("result_detail").asText());

      JsonNode closed =
          Http.get("findWebSessions", Map.of("user_id", u.get(1), "valid", "1")).json();
      findBy(closed.path("sessions"), "session_id", session);
      JsonNode history =
          Http.get("findSessionHistory", Map.of("session_id", session, "user_id", u.get(1))).json();
      assertEquals("ok", history.path("result").asText(), "history stays readable");
      assertEquals("error-015", Http.get("dissolved", Map.of("session_id", session)).detail());
    }
  }

  @Test
  void sessionHistoryPagesReadCountsAndStatus() throws Exception {
    List<String> u = users("Jo", "Kim", "Lee");
    String session = Groups.byService(u.get(0), u.subList(1, 3));
    try (XmppClient jo = XmppClient.onlineAs(u.get(0), "mobile");
        XmppClient kim = XmppClient.onlineAs(u.get(1), "web")) {
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String id = Envelopes.newId();
        sent.add(id);
        jo.send(GroupMessageIT.groupText(u.get(0), session, id, "m" + i), null);
        assertEquals("ok", jo.awaitAnswer(id).path("result").asText());
      }
      JsonNode page =
          Http.get(
                  "findSessionHistory",
                  Map.of("session_id", session, "user_id", u.get(1), "start", "0", "length", "2"))
              .json();
      assertEquals(6, page.path("total").asInt(), "five messages and the MTS-105 notice");
      assertEquals(
          sent.get(4), page.path("message_list").path(0).path("msg_id").asText(), "newest first");
      assertEquals(session, page.path("message_list").path(0).path("session_id").asText());
      JsonNode next =
          Http.get(
                  "findSessionHistory",
                  Map.of(
                      "session_id",
                      session,
                      "user_id",
                      u.get(1),
                      "before_msg_id",
                      sent.get(3),
                      "length",
                      "2"))
              .json();
      assertEquals(
          sent.get(2),
          next.path("message_list").path(0).path("msg_id").asText(),
          "the cursor continues");
      assertEquals(
          6,
          Http.get(
                  "findSessionHistory",
                  Map.of("session_id", session, "user_id", u.get(1), "length", "max"))
              .json()
              .path("message_list")
              .size());

      kim.sendOk(
          Envelopes.aboutInGroup(u.get(1), session, Envelopes.newId(), "MTS-100", sent.get(3)),
          "web");
      JsonNode reads = Http.get("findReadMsg", Map.of("session_id", session)).json();
      assertEquals(
          1, findBy(reads.path("sessionReads"), "msg_id", sent.get(3)).path("readNum").asInt());
      assertEquals(
          0, findBy(reads.path("sessionReads"), "msg_id", sent.get(4)).path("readNum").asInt());
      JsonNode status = Http.get("findMsgStatusList", Map.of("msg_id", sent.get(2))).json();
      JsonNode kimStatus = findBy(status.path("ofStatusList"), "msg_to", u.get(1));
      assertEquals(1, kimStatus.path("status").asInt(), "read on web");
      assertEquals(
          0, findBy(status.path("ofStatusList"), "msg_to", u.get(2)).path("status").asInt());
      assertEquals(session, kimStatus.path("session_id").asText());
      assertTrue(kimStatus.path("id_").isNumber());

      assertTrue(
          Http.get("hasUnread", Map.of("user_id", u.get(2))).json().path("data").asBoolean());
      Http.postForm("updateMsgStatus", Map.of("session_id", session, "msg_to", u.get(2)));
      assertFalse(
          Http.get("hasUnread", Map.of("user_id", u.get(2))).json().path("data").asBoolean());

      assertEquals(
          "error-014",
          Http.get("findSessionHistory", Map.of("session_id", session, "user_id", "bob")).detail());
      assertEquals(
          "error-026",
          Http.get(
                  "findSessionHistory",
                  Map.of("session_id", session, "user_id", u.get(1), "length", "1e9"))
              .detail());
    }
  }

  @Test
  void announcementsAreDataForMembersAndEditedByAuthorOrCreator() throws Exception {
    List<String> u = users("Max", "Nia", "Oz");
    String session = Groups.byService(u.get(0), u.subList(1, 3));
    String html = "<script>alert('x')</script> & \"quotes\"";
    String sql = "'; drop table tlim_message; --";
    JsonNode added =
        Http.postJson(
                "addPubact",
                XmppClient.JSON
                    .createObjectNode()
                    .put("session_id", session)
                    .put("user_id", u.get(1))
                    .put("title", sql)
                    .put("content", html)
                    .toString())
            .json();
    assertEquals("ok", added.path("result").asText());
    long id = added.path("id_").asLong();

    JsonNode list = Http.get("findPubactList", Map.of("session_id", session)).json();
    JsonNode item = findBy(list.path("pubactList"), "id_", Long.toString(id));
    assertEquals(html, item.path("content").asText(), "returned as data, not interpreted");
    assertEquals(sql, item.path("title").asText());
    assertTrue(item.path("id_").isIntegralNumber());
    assertTrue(item.path("ts").asText().matches("\\d+"));
    assertEquals(u.get(1), item.path("user_id").asText());

    assertEquals(
        "error-021",
        Http.get(
                "modifyPubact",
                Map.of("id_", Long.toString(id), "user_id", u.get(2), "title", "t", "content", "c"))
            .detail());
    assertEquals(
        "ok",
        Http.get(
                "modifyPubact",
                Map.of(
                    "id_",
                    Long.toString(id),
                    "user_id",
                    u.get(0),
                    "title",
                    "by the creator",
                    "content",
                    "c"))
            .result());
    assertEquals(
        "error-014",
        Http.get(
                "addPubact",
                Map.of("session_id", session, "user_id", "bob", "title", "t", "content", "c"))
            .detail());
    assertEquals(
        "ok",
        Http.get("deletePubact", Map.of("id_", Long.toString(id), "user_id", u.get(1))).result());
    assertEquals(
        0,
        Http.get("findPubactList", Map.of("session_id", session)).json().path("pubactList").size());
    assertCode(Http.get("deletePubact", Map.of("id_", Long.toString(id))), 404, "error-028");
  }

  @Test
  void usersPushCodesAndClearingHistory() throws Exception {
    TestEnvironment.knownUsers("alice", "carol", "dave");
    List<String> u = users("Pia");
    assertEquals(
        "ok",
        Http.get("registerAppPushCode", Map.of("user_id", u.get(0), "registrationId", "reg-1"))
            .result());
    assertEquals(
        "error-013",
        Http.get(
                "registerAppPushCode",
                Map.of("user_id", "nobody-" + u.get(0), "registrationId", "r"))
            .detail());
    assertEquals("ok", Http.get("removeUser", Map.of("user_id", u.get(0))).result());
    Http.Answer afterRemoval =
        Http.postJson(
            "addSession",
            "{session_type:0, request_user:'alice', subscribers:[{user_id:'" + u.get(0) + "'}]}");
    assertEquals("error-013", afterRemoval.detail(), "a removed user cannot be added");

    try (XmppClient carol = XmppClient.online("carol", "mobile");
        XmppClient dave = XmppClient.online("dave", "mobile")) {
      String id = Envelopes.newId();
      carol.send(Envelopes.text("carol", "dave", id, "soon gone"), null);
      assertEquals("ok", carol.awaitAnswer(id).path("result").asText());
      assertEquals(
          "ok",
          Http.postForm("clearChatHistory", Map.of("user_id", "dave", "other_id", "carol"))
              .result());
      assertEquals(
          0,
          Http.get("findChatHistory", Map.of("session_id", "carol", "user_id", "dave"))
              .json()
              .path("total")
              .asInt());
    }
  }

  @Test
  void theDirectoryListsCurrentUsersAlphabeticallyAndNothingElse() throws Exception {
    String tag = "dir" + UUID.randomUUID().toString().substring(0, 8);
    Http.postJson(
            "addUser",
            "{\"users\":[{\"user_id\":\""
                + tag
                + "c\",\"user_name\":\"Cleo\"},{\"user_id\":\""
                + tag
                + "a\",\"user_name\":\"Ada\",\"acct_login\":\"ada\"},{\"user_id\":\""
                + tag
                + "b\",\"user_name\":\"bea\"},{\"user_id\":\""
                + tag
                + "gone\",\"user_name\":\"Gone\"}]}")
        .assertOk();
    Http.get("removeUser", Map.of("user_id", tag + "gone")).assertOk();
    // leftovers the API cannot make any more: a reserved id and one that is no XMPP localpart
    List<String> leftovers = List.of(tag + ":x", "SyStEm");
    directoryRows(
        "insert into tlim_user (user_id, user_name, removed, created_at) values (?, ?, false, 0)"
            + " on conflict (user_id) do update set removed = false",
        leftovers);
    try {
      String token = TestEnvironment.userToken(tag + "a");
      assertEquals(
          1,
          TestEnvironment.count(
              "select count(*) from tlim_user where user_id = ? and not removed", tag + ":x"),
          "the leftover is a current row");
      JsonNode page = Http.getAs(token, "findUsers", Map.of("prefix", tag.toUpperCase())).json();
      assertEquals(
          List.of(tag + "a", tag + "b", tag + "c"),
          ids(page.path("users")),
          "current users only, by name ignoring case: " + page);
      assertFalse(page.path("has_more").asBoolean());
      JsonNode ada = page.path("users").path(0);
      assertEquals("Ada", ada.path("user_name").asText());
      assertEquals("ada", ada.path("acct_login").asText());
      assertEquals("", page.path("users").path(1).path("acct_login").asText());

      JsonNode two = Http.getAs(token, "findUsers", Map.of("prefix", tag, "length", "2")).json();
      assertEquals(List.of(tag + "a", tag + "b"), ids(two.path("users")));
      assertTrue(two.path("has_more").asBoolean());
      // a name matches too, and a LIKE wildcard is a character like any other
      assertTrue(
          ids(Http.getAs(token, "findUsers", Map.of("prefix", "cleo", "length", "1000"))
                      .json()
                      .path("users"))
                  .size()
              >= 1);
      assertEquals(
          List.of(),
          ids(
              Http.getAs(token, "findUsers", Map.of("prefix", tag.substring(0, 3) + "%"))
                  .json()
                  .path("users")));
      JsonNode reservedPage =
          Http.getAs(token, "findUsers", Map.of("prefix", "system", "length", "1000")).json();
      assertTrue(
          ids(reservedPage.path("users")).stream().noneMatch(id -> id.equalsIgnoreCase("system")),
          reservedPage.toString());

      assertCode(Http.get("findUsers", Map.of("length", "0")), 400, "error-026");
      assertCode(Http.get("findUsers", Map.of("length", "1001")), 400, "error-026");
      assertCode(Http.get("findUsers", Map.of("length", "many")), 400, "error-026");
      assertCode(Http.get("findUsers", Map.of("prefix", "p".repeat(65))), 400, "error-026");
      assertEquals(401, Http.getAs("not-a-token", "findUsers", Map.of()).status());
    } finally {
      directoryRows("update tlim_user set removed = true where user_id = ?", leftovers);
    }
  }

  /** Runs a statement on the directory's table once per id (as user_id and user_name). */
  private static void directoryRows(String sql, List<String> ids) throws Exception {
    try (var db = TestEnvironment.database();
        var statement = db.prepareStatement(sql)) {
      for (String id : ids) {
        statement.setString(1, id);
        if (sql.contains("?, ?")) {
          statement.setString(2, id);
        }
        statement.executeUpdate();
      }
    }
  }

  private static List<String> ids(JsonNode users) {
    List<String> ids = new ArrayList<>();
    users.forEach(u -> ids.add(u.path("user_id").asText()));
    return ids;
  }

  /** A 1:1 chat's presence: the peer's and the caller's, for any peer in the directory. */
  @Test
  void presenceOfAOneToOnePeer() throws Exception {
    List<String> u = users("Petra", "Quinn");
    JsonNode pair =
        Http.getAs(
                TestEnvironment.userToken(u.get(0)), "findPresence", Map.of("session_id", u.get(1)))
            .json();
    assertEquals(2, pair.size(), pair.toString());
    assertEquals(u.get(1), pair.path(0).path("user_id").asText());
    assertEquals("offline", pair.path(0).path("status").asText());
    assertEquals(u.get(0), pair.path(1).path("user_id").asText());
    assertCode(
        Http.getAs(
            TestEnvironment.userToken(u.get(0)),
            "findPresence",
            Map.of("session_id", "nobody-" + u.get(1))),
        404,
        "error-009");
  }

  @Test
  void badParametersGetTheirCodes() throws Exception {
    TestEnvironment.knownUsers("alice", "bob");
    assertCode(Http.get("findSession", Map.of()), 400, "error-007");
    assertCode(Http.get("findSession", Map.of("session_id", "no-such-session")), 404, "error-009");
    assertCode(Http.get("findSessions", Map.of()), 400, "error-008");
    assertCode(
        Http.get("findWebSessions", Map.of("user_id", "bob", "valid", "abc")), 400, "error-026");
    assertCode(
        Http.get("findWebSessions", Map.of("user_id", "bob", "valid", "2")), 400, "error-026");
    assertCode(
        Http.get(
            "addSession",
            Map.of("session_type", "5", "request_user", "alice", "subscribers", "[]")),
        400,
        "error-002");
    assertCode(
        Http.get("addSession", Map.of("session_type", "0", "subscribers", "[]")), 400, "error-004");
    assertCode(
        Http.get(
            "addSession",
            Map.of(
                "session_type",
                "0",
                "request_user",
                "alice",
                "session_name",
                "n".repeat(129),
                "subscribers",
                "[{user_id:'bob'}]")),
        400,
        "error-026");
    assertCode(
        Http.get("modifySession", Map.of("session_id", "x", "subscribers", "{not a list}")),
        400,
        "error-026");
    assertCode(
        Http.get("findMsgStatusList", Map.of("msg_id", "no-such-message")), 404, "error-019");
    assertCode(
        Http.get("findChatHistory", Map.of("session_id", "alice", "user_id", "bob", "start", "-1")),
        400,
        "error-026");
    assertCode(
        Http.get("findChatHistory", Map.of("session_id", "alice' or '1'='1", "user_id", "bob")),
        200,
        "");
    Http.Answer unknownPath = Http.get("noSuchOperation", Map.of());
    assertEquals(404, unknownPath.status());
  }

  private static void assertCode(Http.Answer answer, int status, String code) {
    assertEquals(status, answer.status(), answer.json().toString());
    assertEquals(code, answer.detail(), answer.json().toString());
  }

  private static JsonNode findBy(JsonNode list, String field, String value) {
    for (JsonNode item : list) {
      if (item.path(field).asText().equals(value)) {
        return item;
      }
    }
    throw new AssertionError(field + "=" + value + " not in " + list);
  }

  /** modifySession as {@code requestUser}, removing {@code member} (themselves: quitting). */
  private static Http.Answer removeMember(String session, String requestUser, String member)
      throws Exception {
    return Http.postJson(
        "modifySession",
        "{session_id:'"
            + session
            + "', request_user:'"
            + requestUser
            + "', subscribers:[{user_id:'"
            + member
            + "', type:'del'}]}");
  }
}
