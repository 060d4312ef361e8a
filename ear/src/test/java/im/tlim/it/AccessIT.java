package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Who sees what at the edges (issue 10): former members read only what was posted while they were
 * members, a file is for the conversations a message carried it into (not for a mention of its id),
 * the server's own ids and removed users are refused wherever an id enters, and the lists are
 * bounded. Every member rule is exercised with the members' own tokens.
 */
class AccessIT extends BlackBoxTest {

  private static final String DOWNLOAD = "/upload/mobileFileDownload";

  /** A user of this test only (the runs share one database). */
  private static String fresh(String name) {
    return name + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A user of this test only whom the directory knows (no XMPP account). */
  private static String known(String name) throws Exception {
    String id = fresh(name);
    TestEnvironment.knownUsers(id);
    return id;
  }

  /** A directory entry as one written before ids were checked, bypassing the API. */
  private static void insertUncheckedUser(String id) throws Exception {
    try (Connection db = TestEnvironment.database();
        var insert =
            db.prepareStatement(
                "insert into tlim_user (user_id, user_name, removed, created_at) values (?, ?, false, 0)")) {
      insert.setString(1, id);
      insert.setString(2, id);
      insert.executeUpdate();
    }
  }

  private static String token(String user) {
    return TestEnvironment.userToken(user);
  }

  // ---- 1. former members, 3. files ----

  @Test
  void aFormerMemberReadsAndDownloadsOnlyWhatWasPostedWhileTheyWereAMember() throws Exception {
    String alice = fresh("alice"), bob = known("bob"), carol = known("carol");
    try (XmppClient a = XmppClient.onlineAs(alice, "mobile")) {
      String session = Groups.byCreator(alice, bob, carol);
      Posted before = post(a, session, "while bob is in", "MTS-001");
      Groups.remove(alice, session, bob);
      Posted after = post(a, session, "after bob left", "MTS-003");

      // history: up to and including the notice of his removal, nothing after
      JsonNode history =
          Http.getAs(
                  token(bob), "findSessionHistory", Map.of("session_id", session, "length", "max"))
              .json();
      assertEquals("ok", history.path("result").asText(), history.toString());
      List<String> ids = msgIds(history.path("message_list"));
      List<String> types = new ArrayList<>();
      history.path("message_list").forEach(m -> types.add(m.path("msg_type").asText()));
      assertTrue(ids.contains(before.text()) && ids.contains(before.fileMessage()), ids.toString());
      assertTrue(types.contains("MTS-103"), "he reads the notice of his removal: " + types);
      assertFalse(
          ids.contains(after.text()) || ids.contains(after.fileMessage()),
          "nothing posted after he left: " + ids);
      assertEquals(ids.size(), history.path("total").asInt(), "the total counts his window only");
      // a cursor past his window shows nothing more either
      JsonNode paged =
          Http.getAs(
                  token(bob),
                  "findSessionHistory",
                  Map.of(
                      "session_id", session, "before_msg_id", after.fileMessage(), "length", "max"))
              .json();
      assertFalse(msgIds(paged.path("message_list")).contains(after.text()), paged.toString());

      // carol, still a member, reads all of it
      List<String> carols = historyIds(carol, session);
      assertTrue(
          carols.contains(after.text()) && carols.contains(after.fileMessage()), carols.toString());

      // files: his window's, not the later one's; carol gets both
      assertEquals(200, download(before.fileId(), token(bob)).status());
      Http.Answer refused = download(after.fileId(), token(bob));
      assertEquals(403, refused.status());
      assertEquals("error-021", refused.detail());
      assertEquals(200, download(after.fileId(), token(carol)).status());
      assertEquals(200, download(before.fileId(), token(carol)).status());

      // read lists are for current members (documented): a former member gets error-014
      assertEquals(
          "error-014",
          Http.getAs(token(bob), "findMsgStatusList", Map.of("msg_id", before.text())).detail());
      assertEquals(
          "error-014",
          Http.getAs(token(bob), "findReadMsg", Map.of("session_id", session)).detail());

      // 5. findWebSessions no longer lists a group he left
      assertFalse(
          sessionIds(Http.getAs(token(bob), "findWebSessions", Map.of("valid", "0")).json())
              .contains(session));
      assertTrue(
          sessionIds(Http.getAs(token(carol), "findWebSessions", Map.of("valid", "0")).json())
              .contains(session));

      // invited again, he reads the whole history again, as any member does
      Groups.add(alice, session, bob);
      assertTrue(historyIds(bob, session).contains(after.text()));
      assertEquals(200, download(after.fileId(), token(bob)).status());
    }
  }

  @Test
  void onlyMessagesThatCarryAFileGrantItNotATextThatMentionsItsId() throws Exception {
    String alice = fresh("alice"), dave = known("dave"), erin = known("erin");
    try (XmppClient a = XmppClient.onlineAs(alice, "mobile")) {
      String fileId = Uploads.note(token(alice));
      // a text that mentions the id, in a chat with dave and in a group with erin
      a.sendOk(
          Envelopes.text(alice, dave, Envelopes.newId(), "have a look at " + fileId), "mobile");
      String group = Groups.byCreator(alice, erin);
      String mention = "[{\\\"file_id\\\":\\\"" + fileId + "\\\"}]";
      a.sendOk(GroupMessageIT.groupText(alice, group, Envelopes.newId(), mention), "mobile");
      assertEquals(403, download(fileId, token(dave)).status(), "a mention grants nothing");
      assertEquals(403, download(fileId, token(erin)).status(), "a mention grants nothing");
      assertEquals(
          0,
          TestEnvironment.count(
              "select count(*) from tlim_message_file where file_id = ?", fileId));

      // a file message does, to the conversation it is sent in only
      a.sendOk(directFile(alice, dave, "MTT-002", fileId), "mobile");
      assertEquals(200, download(fileId, token(dave)).status(), "the recipient of MTT-002");
      assertEquals(403, download(fileId, token(erin)).status(), "not sent to her yet");
      a.sendOk(groupFile(alice, group, "MTS-002", fileId), "mobile");
      assertEquals(
          200, download(fileId, token(erin)).status(), "a member of the group it was sent in");
      assertEquals(200, download(fileId, token(alice)).status(), "the uploader");
      assertEquals(
          2,
          TestEnvironment.count("select count(*) from tlim_message_file where file_id = ?", fileId),
          "one row per message that carries it");

      // voice and image too
      String voice = Uploads.note(token(alice));
      String frank = known("frank");
      assertEquals(403, download(voice, token(frank)).status());
      a.sendOk(directFile(alice, frank, "MTT-003", voice), "mobile");
      assertEquals(200, download(voice, token(frank)).status());
      String image = Uploads.note(token(alice));
      a.sendOk(directFile(alice, frank, "MTT-001", image), "mobile");
      assertEquals(200, download(image, token(frank)).status());
    }
  }

  // ---- 2. reserved ids ----

  @Test
  void theServersOwnIdsAreRefusedWhereverAnIdEnters() throws Exception {
    int systemRows =
        TestEnvironment.count(
            "select count(*) from tlim_user where lower(user_id) = ?",
            "system",
            TestEnvironment.SERVICE);

    // addUser, alone and in a list (the list changes nothing)
    String innocent = fresh("inno");
    for (String json :
        List.of(
            "{\"user_id\":\"system\"}",
            "{\"user_id\":\"SYSTEM\"}",
            "{\"user_id\":\"" + TestEnvironment.SERVICE + "\"}",
            "{\"users\":[{\"user_id\":\"" + innocent + "\"},{\"user_id\":\"system\"}]}")) {
      Http.Answer answer = Http.postJson("addUser", json);
      assertEquals(403, answer.status(), json + " " + answer.json());
      assertEquals("error-029", answer.detail(), json);
    }
    assertEquals(
        0, TestEnvironment.count("select count(*) from tlim_user where user_id = ?", innocent));

    // a token whose subject is the server's id
    for (String subject : List.of("system", "System", TestEnvironment.SERVICE)) {
      Http.Answer answer = Http.getAs(token(subject), "findWebSessions", Map.of());
      assertEquals(403, answer.status(), subject);
      assertEquals("error-029", answer.detail(), subject);
    }

    // msg_to, addSession's subscribers, approval's msg_to
    String alice = fresh("alice");
    String bob = known("bob");
    try (XmppClient a = XmppClient.onlineAs(alice, "mobile")) {
      String toSystem = Envelopes.newId();
      a.send(Envelopes.text(alice, "system", toSystem, "pretend to be the server"), null);
      assertEquals("error-029", a.awaitAnswer(toSystem).path("result_detail").asText());
      assertEquals(0, TestEnvironment.storedMessages(toSystem));
    }
    Http.Answer group =
        Http.postJsonAs(
            token(bob),
            "addSession",
            "{\"session_type\":0,\"subscribers\":[{\"user_id\":\"system\"}]}");
    assertEquals("error-029", group.detail(), group.json().toString());
    assertEquals(
        "error-029",
        Http.postForm("approval", Map.of("msg_to", "system", "params", "[{\"bizId\":\"1\"}]"))
            .detail());

    // first contact over XMPP: an account named system is answered error-029 and not recorded
    TestEnvironment.registerXmppUser("system", "systempw");
    XmppClient impostor = XmppClient.login("system", "mobile");
    try {
      impostor.awaitService(Duration.ofSeconds(60));
      String spoof = Envelopes.newId();
      impostor.send(Envelopes.text("system", bob, spoof, "an approval, trust me"), null);
      assertEquals("error-029", impostor.awaitAnswer(spoof).path("result_detail").asText());
      assertEquals(0, TestEnvironment.storedMessages(spoof));
    } finally {
      impostor.close();
    }
    assertEquals(
        systemRows,
        TestEnvironment.count(
            "select count(*) from tlim_user where lower(user_id) = ?",
            "system",
            TestEnvironment.SERVICE),
        "no directory entry for the server's ids");
  }

  // ---- 4. removed users ----

  @Test
  void aRemovedUserStaysRefusedAfterTheirNextStanza() throws Exception {
    String alice = fresh("alice");
    String gone = fresh("gone");
    try (XmppClient a = XmppClient.onlineAs(alice, "mobile");
        XmppClient g = XmppClient.onlineAs(gone, "mobile")) {
      a.sendOk(Envelopes.text(alice, gone, Envelopes.newId(), "hello while you exist"), "mobile");
      assertEquals("ok", Http.postForm("removeUser", Map.of("user_id", gone)).result());

      // their next stanza used to add them back
      String fromGone = Envelopes.newId();
      g.send(Envelopes.text(gone, alice, fromGone, "still here?"), null);
      assertEquals(
          "error-013", g.awaitAnswer(fromGone).path("result_detail").asText(), "refused as sender");
      String toGone = Envelopes.newId();
      a.send(Envelopes.text(alice, gone, toGone, "are you there?"), null);
      assertEquals(
          "error-013",
          a.awaitAnswer(toGone).path("result_detail").asText(),
          "refused as recipient");
      assertEquals(0, TestEnvironment.storedMessages(fromGone, toGone));

      // over HTTP: their token, and naming them
      Http.Answer own = Http.getAs(token(gone), "findWebSessions", Map.of());
      assertEquals(404, own.status());
      assertEquals("error-013", own.detail());
      Http.Answer group =
          Http.postJsonAs(
              token(alice),
              "addSession",
              "{\"session_type\":0,\"subscribers\":[{\"user_id\":\"" + gone + "\"}]}");
      assertEquals("error-013", group.detail());
      assertEquals(
          "error-013",
          Http.postForm("approval", Map.of("msg_to", gone, "params", "[{\"bizId\":\"1\"}]"))
              .detail());

      // addUser restores them; the refused message never reached them (the marker comes after it)
      TestEnvironment.knownUsers(gone);
      String marker =
          a.sendOk(Envelopes.text(alice, gone, Envelopes.newId(), "welcome back"), "mobile");
      List<String> before = new ArrayList<>();
      g.await(
          r -> {
            before.add(r.envelope().path("msg_id").asText());
            return r.envelope().path("msg_id").asText().equals(marker);
          },
          Duration.ofSeconds(20));
      assertFalse(before.contains(toGone), before.toString());
    }
  }

  // ---- 5. smaller deviations ----

  @Test
  void findMsgStatusListNamesTheChatAsTheAskerSeesIt() throws Exception {
    String alice = fresh("alice");
    String bob = known("bob");
    try (XmppClient a = XmppClient.onlineAs(alice, "mobile")) {
      String msg = a.sendOk(Envelopes.text(alice, bob, Envelopes.newId(), "read me"), "mobile");
      assertStatusListNames(alice, msg, bob);
      assertStatusListNames(bob, msg, alice);
    }
  }

  @Test
  void aCreatorWhoQuitCannotDissolveTheGroup() throws Exception {
    String alice = known("alice");
    String bob = known("bob");
    String session = Groups.byCreator(alice, bob);
    Groups.remove(alice, session, alice);
    for (String operation : List.of("dissolved", "deleteSession")) {
      Http.Answer answer = Http.getAs(token(alice), operation, Map.of("session_id", session));
      assertEquals("error-014", answer.detail(), operation + " " + answer.json());
    }
    assertEquals(
        1,
        TestEnvironment.count(
            "select count(*) from tlim_session where session_id = ? and valid = 0", session),
        "still open");
  }

  /**
   * An id XML cannot carry (U+FFFE passes stringprep) is refused and not stored; an entry that has
   * one from before does not take the component stream down: the presence probe skips it, and a
   * message to a user is still answered and delivered.
   */
  @Test
  void anIdXmlCannotCarryIsRefusedAndAnOldOneBreaksNothing() throws Exception {
    String bad = "\uFFFE" + fresh("nc");
    Http.Answer refused = Http.postJson("addUser", "{\"user_id\":\"" + bad + "\"}");
    assertEquals("error-026", refused.detail(), refused.json().toString());
    assertEquals(
        0,
        TestEnvironment.count("select count(*) from tlim_user where user_id = ?", bad),
        "nothing stored");
    insertUncheckedUser(bad);
    // a restart of the XMPP server makes the service probe every directory entry again
    TestEnvironment.restartXmppServer();
    try (XmppClient alice = XmppClient.online("alice", "mobile");
        XmppClient bob = XmppClient.online("bob", "mobile")) {
      String id = Envelopes.newId();
      alice.send(Envelopes.text("alice", "bob", id, "after the probe"), "mobile");
      assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
      bob.await(
          r -> r.envelope().path("msg_id").asText().equals(id), java.time.Duration.ofSeconds(30));
    }
  }

  @Test
  void idsWithAColonCannotEnterSoPairKeysStayUnambiguous() throws Exception {
    String alice = fresh("alice");
    String legacy = fresh("old") + ":" + "id";
    TestEnvironment.knownUsers(alice);
    // addUser refuses it, and so does a token
    assertEquals(
        "error-026", Http.postJson("addUser", "{\"user_id\":\"" + legacy + "\"}").detail());
    Http.Answer colonToken = Http.getAs(token(alice + ":x"), "findWebSessions", Map.of());
    assertEquals(403, colonToken.status());
    assertEquals("error-021", colonToken.detail());
    // an entry from before ids were checked can be neither messaged nor added
    insertUncheckedUser(legacy);
    try (XmppClient a = XmppClient.onlineAs(alice, "mobile")) {
      String toLegacy = Envelopes.newId();
      a.send(Envelopes.text(alice, legacy, toLegacy, "hi"), null);
      assertEquals("error-013", a.awaitAnswer(toLegacy).path("result_detail").asText());
      assertEquals(0, TestEnvironment.storedMessages(toLegacy));
      assertEquals(
          "error-013",
          Http.postJsonAs(
                  token(alice),
                  "addSession",
                  "{\"session_type\":0,\"subscribers\":[{\"user_id\":\"" + legacy + "\"}]}")
              .detail());
      assertEquals(
          0,
          TestEnvironment.count(
              "select count(*) from tlim_session where session_id like ?", "p:%" + legacy + "%"));
    } finally {
      // not left for the presence probes of later starts
      try (Connection db = TestEnvironment.database();
          var delete = db.prepareStatement("delete from tlim_user where user_id = ?")) {
        delete.setString(1, legacy);
        delete.executeUpdate();
      }
    }
  }

  @Test
  void storedSystemMessagesAreAddressedToTheMembersNotToTheSession() throws Exception {
    String alice = known("alice");
    String bob = known("bob");
    String session = Groups.byCreator(alice, bob);
    assertEquals(
        0,
        TestEnvironment.count(
            "select count(*) from tlim_message where session_id = ? and msg_to = session_id",
            session));
    assertEquals(
        1,
        TestEnvironment.count(
            "select count(*) from tlim_message where session_id = ? and msg_type = 'MTS-105' and msg_to = ''",
            session));
    JsonNode history =
        Http.getAs(token(bob), "findSessionHistory", Map.of("session_id", session)).json();
    JsonNode created = history.path("message_list").path(0);
    assertEquals("MTS-105", created.path("msg_type").asText(), history.toString());
    assertEquals(bob, created.path("msg_to").asText(), "the reader's copy, as in getOffline");
  }

  // ---- 6. bounded lists ----

  @Test
  void listsLongerThanTheLimitAreRefusedAndChangeNothing() throws Exception {
    String alice = known("alice");
    String bob = known("bob");
    String prefix = fresh("many");
    String users =
        Users.list(
            java.util.stream.IntStream.rangeClosed(0, 1000).mapToObj(i -> prefix + i).toList());

    Http.Answer add = Http.postJson("addUser", "{\"users\":" + users + "}");
    add.assertRefused(413, "error-030");
    assertEquals(
        0,
        TestEnvironment.count("select count(*) from tlim_user where user_id like ?", prefix + "%"));

    int sessions = TestEnvironment.count("select count(*) from tlim_session", "");
    Http.Answer create =
        Http.postJsonAs(
            token(alice), "addSession", "{\"session_type\":0,\"subscribers\":" + users + "}");
    assertEquals("error-030", create.detail(), create.json().toString());
    assertEquals(sessions, TestEnvironment.count("select count(*) from tlim_session", ""));

    String session = Groups.byCreator(alice, bob);
    Http.Answer invite =
        Http.postJsonAs(
            token(alice),
            "modifySession",
            "{\"session_id\":\"" + session + "\",\"subscribers\":" + users + "}");
    assertEquals("error-030", invite.detail(), invite.json().toString());
    assertEquals(
        2, TestEnvironment.count("select count(*) from tlim_member where session_id = ?", session));
  }

  // ---- helpers ----
  /** A 1:1 file message (MTT-001 image, MTT-002 file, MTT-003 voice) that carries the file. */
  private static String directFile(String from, String to, String type, String fileId) {
    return Envelopes.envelope(
        from, to, Envelopes.newId(), type, "[{\"file_id\":\"" + fileId + "\"}]");
  }

  /** What one member posted in a group: a text, then a file message carrying a new file. */
  private record Posted(String text, String fileId, String fileMessage) {}

  /** The client's user posts a text and a file message of this type in the group. */
  private static Posted post(XmppClient client, String session, String text, String fileType)
      throws Exception {
    String user = client.user;
    String textId =
        client.sendOk(GroupMessageIT.groupText(user, session, Envelopes.newId(), text), "mobile");
    String fileId = Uploads.note(token(user));
    return new Posted(
        textId, fileId, client.sendOk(groupFile(user, session, fileType, fileId), "mobile"));
  }

  private static String groupFile(String from, String session, String type, String fileId) {
    return Envelopes.envelope(
        from,
        session,
        Envelopes.newId(),
        type,
        "[{\"session_id\":\"" + session + "\",\"file_id\":\"" + fileId + "\"}]");
  }

  /** findMsgStatusList, asked with the asker's token, names the chat as this session_id. */
  private static void assertStatusListNames(String asker, String msgId, String session)
      throws Exception {
    JsonNode answer = Http.getAs(token(asker), "findMsgStatusList", Map.of("msg_id", msgId)).json();
    assertEquals(
        session,
        answer.path("ofStatusList").path(0).path("session_id").asText(),
        answer.toString());
  }

  /** The msg_ids of the whole group history as this reader sees it. */
  private static List<String> historyIds(String reader, String session) throws Exception {
    return msgIds(
        Http.getAs(
                token(reader), "findSessionHistory", Map.of("session_id", session, "length", "max"))
            .json()
            .path("message_list"));
  }

  private static List<String> msgIds(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(m -> ids.add(m.path("msg_id").asText()));
    return ids;
  }

  private static List<String> sessionIds(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    answer.path("sessions").forEach(s -> ids.add(s.path("session_id").asText()));
    return ids;
  }

  private static Http.Answer download(String fileId, String token) throws Exception {
    URI uri =
        TestEnvironment.HTTP.resolve(
            DOWNLOAD + "?fileId=" + URLEncoder.encode(fileId, StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (token != null) {
      request.header("Authorization", TestEnvironment.bearer(token));
    }
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    JsonNode json =
        response.statusCode() == 200 || response.body().isEmpty()
            ? XmppClient.JSON.nullNode()
            : XmppClient.JSON.readTree(response.body());
    return new Http.Answer(response.statusCode(), "", json);
  }
}
