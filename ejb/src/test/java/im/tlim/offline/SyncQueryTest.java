package im.tlim.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both forms of the sync page's SQL on the embedded default's database (H2 in PostgreSQL mode, as
 * the server's datasource opens it, migrated by the real migrations) answer exactly the rows the
 * rule names, page after page: the user's sessions, a former member's only up to their leaving,
 * notices only the user's own, in commit order; and the per-session form reads the session index.
 */
class SyncQueryTest {

  private static final String USER = "u";
  private static Connection db;

  /** A stored row, as the rule needs it. */
  private record Row(long id, String sessionId, long seq, String msgTo, Long syncSeq) {}

  private static final List<Row> ROWS = new ArrayList<>();
  private static final Map<String, Long> WINDOWS = new HashMap<>();

  @BeforeAll
  static void migrateAndLoad() throws Exception {
    String url =
        "jdbc:h2:mem:syncquery;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    db = DriverManager.getConnection(url, "sa", "sa");
    Flyway.configure().dataSource(url, "sa", "sa").load().migrate();
    // u belongs to s0..s3, left s2 after its seq 6, never belonged to s4 (which another reads)
    String[] sessions = {"s0", "s1", "s2", "s3", "s4"};
    for (String s : sessions) {
      update(
          "insert into tlim_session (session_id, session_type, session_name, creator, create_time,"
              + " modify_time) values (?, 0, ?, 'x', 0, 0)",
          s,
          s);
    }
    member("s0", USER, null);
    member("s1", USER, null);
    member("s2", USER, 6L);
    member("s3", USER, null);
    member("s4", "other", null);
    WINDOWS.put("s0", Long.MAX_VALUE);
    WINDOWS.put("s1", Long.MAX_VALUE);
    WINDOWS.put("s2", 6L);
    WINDOWS.put("s3", Long.MAX_VALUE);

    Random random = new Random(11);
    Map<String, Long> seqs = new HashMap<>();
    List<Long> syncOrder = new ArrayList<>();
    int n = 400;
    for (long i = 1; i <= n; i++) {
      syncOrder.add(i);
    }
    // commit order differs from id order, as concurrent transactions make it
    java.util.Collections.shuffle(syncOrder, random);
    for (int i = 0; i < n; i++) {
      long id = 1000 + i;
      // s1 is quiet, s3 and s4 busy
      String s = sessions[new int[] {0, 1, 2, 3, 3, 4, 4, 4, 0, 2}[random.nextInt(10)]];
      boolean notice = random.nextInt(8) == 0;
      long seq = notice ? -id : seqs.merge(s, 1L, Long::sum);
      String to = notice && random.nextBoolean() ? USER : "other";
      Long sync = i % 37 == 36 ? null : syncOrder.get(i);
      update(
          "insert into tlim_message (id, msg_id, session_id, seq, msg_from, msg_to, msg_type,"
              + " msg_time, body, stored_at, sync_seq) values (?, ?, ?, ?, 'x', ?, 'MTT-000', 0,"
              + " '{}', 0, ?)",
          id,
          "m" + id,
          s,
          seq,
          to,
          sync);
      ROWS.add(new Row(id, s, seq, to, sync));
    }
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Test
  void bothFormsPageExactlyTheRuleInCommitOrder() throws Exception {
    for (int limit : new int[] {1, 3, 10, 101}) {
      for (long start : new long[] {0, 57, 200, 399, 400}) {
        List<Long> expected = expected(start);
        assertEquals(expected, pagedToEnd(start, limit, false), "per session, page " + limit);
        assertEquals(expected, pagedToEnd(start, limit, true), "global, page " + limit);
      }
    }
  }

  @Test
  void aUserInOneSessionReadsItAlone() throws Exception {
    SyncQuery one = SyncQuery.perSession(USER, List.of(new SyncQuery.Window("s2", 6)), 0, 500);
    assertFalse(one.sql().contains("union"), one.sql());
    List<Long> expected =
        ROWS.stream()
            .filter(r -> r.syncSeq() != null && r.sessionId().equals("s2"))
            .filter(r -> r.seq() <= 6 && (r.seq() > 0 || r.msgTo().equals(USER)))
            .sorted(Comparator.comparing(Row::syncSeq))
            .map(Row::id)
            .toList();
    assertEquals(expected, ids(one));
  }

  @Test
  void aPageBoundaryAnswersHasMoreExactly() throws Exception {
    List<Long> all = expected(0);
    assertTrue(all.size() > 20, "enough rows for the check: " + all.size());
    // a page of exactly what is left has no more: the query of limit + 1 finds none beyond it
    long cursor = syncOf(all.get(all.size() - 11));
    assertEquals(10, ids(perSession(cursor, 11)).size());
    assertEquals(11, ids(perSession(syncOf(all.get(all.size() - 12)), 11)).size());
  }

  @Test
  void thePerSessionFormReadsTheSessionIndex() throws Exception {
    SyncQuery q = perSession(0, 11);
    try (PreparedStatement s = prepare("explain " + q.sql(), q.parameters());
        ResultSet r = s.executeQuery()) {
      assertTrue(r.next());
      String plan = r.getString(1);
      // every branch, the former member's too, reads the session index, none (session_id, seq)
      assertEquals(WINDOWS.size(), plan.split("ix_message_session_sync", -1).length - 1, plan);
      assertFalse(plan.contains("uq_message_session_seq"), plan);
    }
  }

  /** The rule, computed from the rows written: the ids after the cursor in commit order. */
  private static List<Long> expected(long after) {
    return ROWS.stream()
        .filter(r -> r.syncSeq() != null && r.syncSeq() > after)
        .filter(r -> WINDOWS.containsKey(r.sessionId()) && r.seq() <= WINDOWS.get(r.sessionId()))
        .filter(r -> r.seq() > 0 || r.msgTo().equals(USER))
        .sorted(Comparator.comparing(Row::syncSeq))
        .map(Row::id)
        .toList();
  }

  /** Pages of {@code max} as OfflineService reads them (max + 1 rows), until no more follow. */
  private static List<Long> pagedToEnd(long after, int max, boolean global) throws Exception {
    List<Long> all = new ArrayList<>();
    long cursor = after;
    for (boolean more = true; more; ) {
      List<Long> page =
          ids(global ? SyncQuery.global(USER, cursor, max + 1) : perSession(cursor, max + 1));
      more = page.size() > max;
      List<Long> kept = page.subList(0, Math.min(max, page.size()));
      all.addAll(kept);
      if (!kept.isEmpty()) {
        cursor = syncOf(kept.get(kept.size() - 1));
      }
    }
    return all;
  }

  private static SyncQuery perSession(long after, int limit) {
    List<SyncQuery.Window> windows = new ArrayList<>();
    WINDOWS.forEach((s, last) -> windows.add(new SyncQuery.Window(s, last)));
    return SyncQuery.perSession(USER, windows, after, limit);
  }

  private static long syncOf(long id) {
    return ROWS.stream().filter(r -> r.id() == id).findFirst().orElseThrow().syncSeq();
  }

  private static List<Long> ids(SyncQuery q) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement s = prepare(q.sql(), q.parameters());
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        ids.add(r.getLong("id"));
      }
    }
    return ids;
  }

  /** JDBC takes plain {@code ?}: the numbered ones are in order of appearance. */
  private static PreparedStatement prepare(String sql, List<Object> parameters) throws Exception {
    PreparedStatement s = db.prepareStatement(sql.replaceAll("\\?\\d+", "?"));
    for (int i = 0; i < parameters.size(); i++) {
      s.setObject(i + 1, parameters.get(i));
    }
    return s;
  }

  private static void member(String session, String user, Long leftSeq) throws Exception {
    update(
        "insert into tlim_member (session_id, user_id, joined_at, left_at, left_seq)"
            + " values (?, ?, 0, ?, ?)",
        session,
        user,
        leftSeq == null ? null : 1L,
        leftSeq);
  }

  private static void update(String sql, Object... values) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        s.setObject(i + 1, values[i]);
      }
      s.executeUpdate();
    }
  }
}
