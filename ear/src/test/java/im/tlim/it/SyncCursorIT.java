package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * "Everything after X" reads, black box with the members' own tokens: syncMessage and getOffline
 * follow commit order (a message that got its id before another but committed after it is not
 * skipped), getOffline pages by acknowledgement ({@code msg_id}), a former member reads nothing
 * posted after they left, and history's {@code start} is bounded.
 *
 * <p>Commits out of id order are made with the application's own transactions: the test holds a
 * former member's row locked in PostgreSQL, so a modifySession that renames a group (its MTS-102
 * gets its id and is written) and then adds that member back waits on the row until the test lets
 * go; meanwhile other messages get higher ids and commit first.
 */
class SyncCursorIT extends BlackBoxTest {

  private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

  @AfterAll
  static void stopBackground() {
    BACKGROUND.shutdownNow();
  }

  @Test
  void syncBetweenTwoCommitsOutOfIdOrderSkipsNothing() throws Exception {
    TwoGroups groups = TwoGroups.create();
    String alice = groups.alice();
    String anchor = syncToEnd(alice, null).last;

    OutOfOrder late = renameHeldOpen(groups.alice(), groups.slow(), "slow-1", groups.carol());
    String fastRename = rename(alice, groups.fast(), "fast-1");
    Synced between = syncToEnd(alice, anchor);
    assertTrue(between.msgIds.contains(fastRename), "the committed rename is synced");
    String slowRename = late.commitBelow(fastRename);

    Synced after = syncToEnd(alice, between.last);
    assertTrue(
        after.msgIds.contains(slowRename),
        "the message that committed after the client's sync is not skipped: " + after.msgIds);
    assertFalse(after.msgIds.contains(fastRename), "nothing the client had is synced again");
  }

  @Test
  void syncWhileSendersStoreConcurrentlySkipsNothing() throws Exception {
    // the case: lanes store batches of envelopes at once, so ids and commits interleave
    int senders = 8, rounds = 5, perRound = 40; // within the rate limit's burst per round
    List<String> u = users(senders + 1);
    String reader = u.get(senders);
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      TestEnvironment.registerXmppUser(u.get(i), u.get(i) + "pw");
      groups.add(Groups.byCreator(u.get(i), List.of(reader)));
    }
    String cursor = syncToEnd(reader, null).last;
    List<XmppClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < senders; i++) {
        clients.add(XmppClient.online(u.get(i), "mobile"));
      }
      List<String> stored = java.util.Collections.synchronizedList(new ArrayList<>());
      List<String> synced = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        List<Future<?>> sending = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
          XmppClient client = clients.get(i);
          String from = u.get(i), group = groups.get(i);
          int r = round;
          sending.add(
              BACKGROUND.submit(
                  () -> {
                    List<String> ids = new ArrayList<>();
                    for (int n = 0; n < perRound; n++) {
                      String id = Envelopes.newId();
                      ids.add(id);
                      client.send(
                          Envelopes.envelope(
                              from,
                              group,
                              id,
                              "MTS-000",
                              "[{\"session_id\":\""
                                  + group
                                  + "\",\"text\":\""
                                  + r
                                  + "/"
                                  + n
                                  + "\"}]"),
                          "mobile");
                    }
                    for (String id : ids) {
                      if (client.awaitAnswer(id).path("result").asText().equals("ok")) {
                        stored.add(id);
                      }
                    }
                    return null;
                  }));
        }
        // the reader syncs page by page while the lanes commit
        while (!sending.stream().allMatch(Future::isDone)) {
          Http.Answer page =
              Http.getAs(
                  token(reader),
                  "syncMessage",
                  Map.of("msg_to", reader, "msg_id", cursor, "length", "20"));
          for (JsonNode m : page.json().path("messageList")) {
            synced.add(m.path("msg_id").asText());
            cursor = m.path("msg_id").asText();
          }
        }
        for (Future<?> f : sending) {
          f.get(60, TimeUnit.SECONDS);
        }
        Thread.sleep(2_500); // the rate limit's bucket refills
      }
      Synced rest = syncToEnd(reader, cursor);
      synced.addAll(rest.msgIds);
      assertTrue(
          stored.size() > senders * rounds * perRound / 2, "most were accepted: " + stored.size());
      List<String> missed = stored.stream().filter(id -> !synced.contains(id)).toList();
      assertEquals(List.of(), missed, "synced every stored message (" + stored.size() + ")");
      assertEquals(synced.size(), new HashSet<>(synced).size(), "nothing synced twice");
    } finally {
      clients.forEach(XmppClient::close);
    }
  }

  @Test
  void anAcknowledgementNeverClearsWhatCommittedAfterThePageRead() throws Exception {
    TwoGroups groups = TwoGroups.create();
    String bob = groups.bob();
    ackAll(bob);

    OutOfOrder late = renameHeldOpen(groups.alice(), groups.slow(), "slow-1", groups.carol());
    String fastRename = rename(groups.alice(), groups.fast(), "fast-1");
    JsonNode page = offline(bob, Map.of("getThenClear", "1", "length", "1000"));
    List<String> read = msgIds(page.path("message_list"));
    assertEquals(fastRename, read.get(read.size() - 1), "the page ends with the committed rename");
    String slowRename = late.commitBelow(fastRename);

    JsonNode next =
        offline(bob, Map.of("getThenClear", "1", "length", "1000", "msg_id", fastRename));
    List<String> rest = msgIds(next.path("message_list"));
    assertFalse(rest.contains(fastRename), "the acknowledged page is cleared: " + rest);
    assertTrue(rest.contains(slowRename), "what committed after the page is kept: " + rest);
  }

  @Test
  void getOfflinePagesByAcknowledgementWithoutLossOrRepeat() throws Exception {
    List<String> u = users(2);
    String alice = u.get(0), bob = u.get(1), g = groupOf(alice, bob);
    ackAll(bob);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      sent.add(rename(alice, g, "r" + i));
    }

    List<String> received = new ArrayList<>();
    String ack = null;
    boolean more = true;
    for (int round = 0; more; round++) {
      assertTrue(round < 40, "paging ends: " + received.size() + " of " + sent.size());
      Map<String, String> params = new HashMap<>(Map.of("getThenClear", "1", "length", "4"));
      if (ack != null) {
        params.put("msg_id", ack);
      }
      JsonNode page = offline(bob, params);
      List<String> ids = msgIds(page.path("message_list"));
      if (round == 2) {
        // the answer is lost: the client asks again with the same acknowledgement, nothing is lost
        JsonNode again = offline(bob, params);
        assertEquals(ids, msgIds(again.path("message_list")), "an unacknowledged page comes again");
      }
      received.addAll(ids);
      more = page.path("has_more").asBoolean();
      if (!ids.isEmpty()) {
        ack = ids.get(ids.size() - 1);
      }
      if (round < 3) {
        sent.add(rename(alice, g, "during-" + round)); // arrives while the client pages
      }
    }
    assertEquals(sent, received.stream().filter(sent::contains).toList(), "all, once, in order");
    assertEquals(received.size(), new HashSet<>(received).size(), "nothing twice: " + received);
    JsonNode last = offline(bob, Map.of("getThenClear", "1", "msg_id", ack));
    assertEquals(0, last.path("message_list").size(), "the last acknowledgement clears the store");
    assertFalse(last.path("has_more").asBoolean());
  }

  @Test
  void getThenClearZeroStillGetsAndClears() throws Exception {
    List<String> u = users(2);
    String alice = u.get(0), bob = u.get(1), g = groupOf(alice, bob);
    ackAll(bob);
    List<String> sent =
        List.of(rename(alice, g, "a"), rename(alice, g, "b"), rename(alice, g, "c"));
    JsonNode first = offline(bob, Map.of("getThenClear", "0", "length", "2"));
    assertEquals(sent.subList(0, 2), msgIds(first.path("message_list")));
    assertTrue(first.path("has_more").asBoolean());
    JsonNode second = offline(bob, Map.of("getThenClear", "0", "length", "2"));
    assertEquals(sent.subList(2, 3), msgIds(second.path("message_list")));
    assertFalse(second.path("has_more").asBoolean());
  }

  @Test
  void aFormerMemberSyncsAndGetsOfflineOnlyWhatWasPostedWhileAMember() throws Exception {
    List<String> u = users(3);
    String alice = u.get(0), bob = u.get(1), carol = u.get(2);
    String g = Groups.byCreator(alice, List.of(bob, carol));
    String marker = Groups.byCreator(alice, List.of(bob));
    String before = rename(alice, g, "before");
    Groups.remove(alice, g, bob);
    String afterLeaving = rename(alice, g, "after");
    String markerRename = rename(alice, marker, "marker");

    Synced synced = syncToEnd(bob, null);
    assertTrue(synced.msgIds.contains(markerRename), "the later marker is synced");
    assertTrue(synced.msgIds.contains(before), "what was posted while a member is synced");
    assertTrue(synced.types.contains("MTS-103"), "the removal notice is synced: " + synced.types);
    assertFalse(synced.msgIds.contains(afterLeaving), "nothing posted after leaving is synced");
    List<String> current = syncToEnd(carol, null).msgIds;
    assertTrue(
        current.contains(before) && current.contains(afterLeaving), "a current member syncs both");

    List<String> offline = new ArrayList<>();
    String ack = null;
    for (boolean more = true; more; ) {
      Map<String, String> params = new HashMap<>(Map.of("getThenClear", "1", "length", "3"));
      if (ack != null) {
        params.put("msg_id", ack);
      }
      JsonNode page = offline(bob, params);
      List<String> ids = msgIds(page.path("message_list"));
      offline.addAll(ids);
      more = page.path("has_more").asBoolean();
      ack = ids.isEmpty() ? ack : ids.get(ids.size() - 1);
    }
    assertTrue(offline.contains(markerRename), "the later marker waits offline");
    assertTrue(offline.contains(before));
    assertFalse(offline.contains(afterLeaving), "no post-leave copy waits offline");
  }

  @Test
  void aUserInSeveralSessionsOneOfThemLeftSyncsExactlyTheRuleAcrossPages() throws Exception {
    List<String> u = users(3);
    String alice = u.get(0), bob = u.get(1), carol = u.get(2);
    List<String> shared = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shared.add(Groups.byCreator(alice, List.of(bob, carol)));
    }
    // carol is in more sessions than are read one by one (the global walk), bob in a few
    for (int i = 0; i < 31; i++) {
      Groups.byCreator(alice, List.of(carol));
    }
    String left = shared.get(2);
    String whileMember = null, afterLeaving = null;
    for (int round = 0; round < 4; round++) {
      if (round == 2) {
        Groups.remove(alice, left, bob);
      }
      for (String g : shared) {
        String renamed = rename(alice, g, g.substring(0, 8) + "-" + round);
        if (g.equals(left)) {
          whileMember = round == 1 ? renamed : whileMember;
          afterLeaving = round == 3 ? renamed : afterLeaving;
        }
      }
    }

    for (String user : List.of(bob, carol)) {
      // synced first: the read numbers what committed, which the rule's query then sees
      List<String> synced = syncToEnd(user, null).msgIds;
      List<String> all = expectedSync(user, null);
      assertTrue(all.size() > 10, "pages of 5 end more than twice: " + all.size());
      assertEquals(all, synced, user + " from the start");
      String middle = all.get(all.size() / 2);
      assertEquals(expectedSync(user, middle), syncToEnd(user, middle).msgIds, user + " from mid");
    }
    List<String> bobs = expectedSync(bob, null);
    assertTrue(bobs.contains(whileMember), "the rule has what was posted while bob was a member");
    assertFalse(bobs.contains(afterLeaving), "and nothing posted after he left");
  }

  /** What syncMessage must answer from {@code after} on, by the rule, read in the database. */
  private static List<String> expectedSync(String user, String after) throws Exception {
    try (Connection db = TestEnvironment.database();
        var q =
            db.prepareStatement(
                "select m.msg_id from tlim_message m join tlim_member mb on mb.session_id ="
                    + " m.session_id and mb.user_id = ? where m.sync_seq > coalesce((select"
                    + " sync_seq from tlim_message where msg_id = ?), 0) and (mb.left_at is null"
                    + " or m.seq <= mb.left_seq) and (m.seq > 0 or m.msg_to = ?)"
                    + " order by m.sync_seq")) {
      q.setString(1, user);
      q.setString(2, after);
      q.setString(3, user);
      List<String> ids = new ArrayList<>();
      try (var rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  @Test
  void aHistoryOffsetIsBounded() throws Exception {
    List<String> u = users(2);
    String alice = u.get(0), bob = u.get(1), g = groupOf(alice, bob);
    rename(alice, g, "x");
    for (String start : List.of("2147483647", "10001")) {
      historyFrom(alice, "findSessionHistory", g, start).assertRefused(400, "error-026");
      historyFrom(alice, "findChatHistory", bob, start).assertRefused(400, "error-026");
    }
    Http.Answer deepest = historyFrom(alice, "findSessionHistory", g, "10000");
    deepest.assertOk();
    assertEquals(0, deepest.json().path("message_list").size());
    Http.Answer first = historyFrom(alice, "findSessionHistory", g, "0");
    assertTrue(first.json().path("message_list").size() > 0);
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A history page of {@code user} from offset {@code start}. */
  private static Http.Answer historyFrom(
      String user, String operation, String sessionId, String start) throws Exception {
    return Http.getAs(
        token(user), operation, Map.of("session_id", sessionId, "user_id", user, "start", start));
  }

  /**
   * Users of this test only: alice, who made the group slow with bob and carol and the group fast
   * with bob.
   */
  private record TwoGroups(String alice, String bob, String carol, String slow, String fast) {
    static TwoGroups create() throws Exception {
      List<String> u = users(3);
      String alice = u.get(0), bob = u.get(1), carol = u.get(2);
      return new TwoGroups(
          alice,
          bob,
          carol,
          Groups.byCreator(alice, List.of(bob, carol)),
          Groups.byCreator(alice, List.of(bob)));
    }
  }

  /** A group the creator made with the member; its id. */
  private static String groupOf(String creator, String member) throws Exception {
    return Groups.byCreator(creator, List.of(member));
  }

  /** A modifySession rename whose transaction is held open by the test (see the class comment). */
  private final class OutOfOrder {
    private final Connection holder;
    private final Future<Http.Answer> modify;
    private final String session;

    OutOfOrder(Connection holder, Future<Http.Answer> modify, String session) {
      this.holder = holder;
      this.modify = modify;
      this.session = session;
    }

    /**
     * Lets the held transaction go on and commit, and checks that its rename has a lower id than
     * {@code laterRename}, which committed first; the held rename's msg_id.
     */
    String commitBelow(String laterRename) throws Exception {
      holder.rollback();
      holder.close();
      Http.Answer answer = modify.get(60, TimeUnit.SECONDS);
      answer.assertOk();
      String rename = renameMsgId();
      assertTrue(idOf(rename) < idOf(laterRename), "the late commit has the lower id");
      return rename;
    }

    private String renameMsgId() throws Exception {
      List<String> renames =
          TestEnvironment.column(
              "select msg_id from tlim_message where session_id = ? and msg_type = 'MTS-102'",
              session);
      assertFalse(renames.isEmpty(), "the held rename committed");
      return renames.get(0);
    }
  }

  /**
   * Starts {@code actor}'s modifySession of {@code session} (rename, then add back the former
   * member {@code rejoining}), and returns once its transaction has written the rename and waits on
   * the membership row the test holds locked. (A locked row of its own, not an inserted one: an
   * insert into tlim_member would also lock the session row through its foreign key.)
   */
  private OutOfOrder renameHeldOpen(String actor, String session, String name, String rejoining)
      throws Exception {
    Groups.remove(actor, session, rejoining);
    Connection holder = TestEnvironment.database();
    holder.setAutoCommit(false);
    try (var lock =
        holder.prepareStatement(
            "select left_at from tlim_member where session_id = ? and user_id = ? for update")) {
      lock.setString(1, session);
      lock.setString(2, rejoining);
      try (var rs = lock.executeQuery()) {
        assertTrue(rs.next(), "the former member's row exists");
      }
    }
    Future<Http.Answer> modify =
        BACKGROUND.submit(
            () ->
                Groups.modify(
                    actor,
                    session,
                    Map.of("session_name", name, "subscribers", Users.list(rejoining))));
    long deadline = System.currentTimeMillis() + 30_000;
    try (Connection db = TestEnvironment.database();
        var q =
            db.prepareStatement(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                    + " and lower(query) like 'update tlim_member%'")) {
      while (true) {
        try (var rs = q.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            break;
          }
        }
        if (modify.isDone()) {
          throw new AssertionError(
              "modifySession did not wait on the held row: " + modify.get().json());
        }
        assertTrue(
            System.currentTimeMillis() < deadline, "modifySession never waited on the held row");
        Thread.sleep(20);
      }
    }
    return new OutOfOrder(holder, modify, session);
  }

  private static String token(String user) {
    return TestEnvironment.userToken(user);
  }

  private static List<String> users(int n) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(UUID.randomUUID().toString().replace("-", ""));
    }
    TestEnvironment.knownUsers(ids.toArray(String[]::new));
    return ids;
  }

  /** Renames the group as {@code actor}; returns the msg_id of the MTS-102 it stored. */
  private static String rename(String actor, String session, String name) throws Exception {
    Groups.modify(actor, session, Map.of("session_name", name)).assertOk();
    try (Connection db = TestEnvironment.database();
        var q =
            db.prepareStatement(
                "select msg_id from tlim_message where session_id = ? and msg_type = 'MTS-102'"
                    + " and body like ? order by seq desc")) {
      q.setString(1, session);
      q.setString(2, "%\"session_name\":\"" + name + "\"%");
      try (var rs = q.executeQuery()) {
        assertTrue(rs.next(), "the rename is stored");
        return rs.getString(1);
      }
    }
  }

  private static long idOf(String msgId) throws Exception {
    try (Connection db = TestEnvironment.database();
        var q = db.prepareStatement("select id from tlim_message where msg_id = ?")) {
      q.setString(1, msgId);
      try (var rs = q.executeQuery()) {
        assertTrue(rs.next());
        return rs.getLong(1);
      }
    }
  }

  private record Synced(List<String> msgIds, List<String> types, String last) {}

  /** syncMessage as {@code user} from {@code after} until has_more is false. */
  private static Synced syncToEnd(String user, String after) throws Exception {
    List<String> ids = new ArrayList<>();
    List<String> types = new ArrayList<>();
    String cursor = after;
    for (int round = 0; ; round++) {
      // a bound against a has_more that never ends, not a size: a slow reader may have 1000s left
      assertTrue(round < 2_000, "syncMessage ends");
      Map<String, String> params = new HashMap<>(Map.of("msg_to", user, "length", "5"));
      if (cursor != null) {
        params.put("msg_id", cursor);
      }
      Http.Answer answer = Http.getAs(token(user), "syncMessage", params);
      answer.assertOk();
      for (JsonNode m : answer.json().path("messageList")) {
        ids.add(m.path("msg_id").asText());
        types.add(m.path("msg_type").asText());
        cursor = m.path("msg_id").asText();
      }
      if (!answer.json().path("has_more").asBoolean()) {
        return new Synced(ids, types, cursor);
      }
    }
  }

  private static JsonNode offline(String user, Map<String, String> params) throws Exception {
    Map<String, String> all = new HashMap<>(params);
    all.put("user_id", user);
    Http.Answer answer = Http.getAs(token(user), "getOffline", all);
    answer.assertOk();
    return answer.json();
  }

  /** Clears the user's offline store (what earlier steps left there), the original's way. */
  private static void ackAll(String user) throws Exception {
    while (offline(user, Map.of("getThenClear", "0", "length", "1000"))
        .path("has_more")
        .asBoolean()) {
      // next page
    }
  }

  private static List<String> msgIds(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(m -> ids.add(m.path("msg_id").asText()));
    return ids;
  }
}
