package im.tlim.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * P3's measurement against the loaded database, with WildFly running: 20-message pages of
 * findSessionHistory (the largest group) and findChatHistory (the largest pair) at the newest, a
 * few intermediate, the middle and the deepest positions on the {@code before_msg_id} cursor path,
 * the {@code start} offset path beside it (up to the service's cap of 10000), and syncMessage from
 * an old and a recent cursor for a heavy and a light user. Every answer is checked against the
 * database (exactly the expected messages, in order). Calls go one at a time, the positions
 * interleaved, so the machine's noise falls on all of them alike.
 */
final class HistoryRun {

  /** One kind of call at one position, with the pages it may ask and what each must answer. */
  record Position(
      String api, String path, String label, long depth, String user, List<Probe> probes) {
    String group() {
      return api + " " + path + " " + label;
    }
  }

  /** One call's parameters and the msg_ids it must answer, in order. */
  record Probe(Map<String, String> params, List<String> expected) {}

  private final Connection db;
  private final Api api;
  private final Random random = new Random(3);
  private final int calls;
  private final int syncCalls;

  HistoryRun(Connection db, Api api, int calls, int syncCalls) {
    this.db = db;
    this.api = api;
    this.calls = calls;
    this.syncCalls = syncCalls;
  }

  /** Runs it and writes the Markdown, CSV and PNG; returns whether every answer was right. */
  boolean run(Path accessLog, Path md, Path csv, Path png, String facts, String load)
      throws Exception {
    String[] group = biggest(0);
    String reader = firstMember(group[0]);
    String[] pair = biggest(99);
    String[] pairUsers = pair[0].substring(2).split(":");
    long groupN = Long.parseLong(group[1]);
    long pairN = Long.parseLong(pair[1]);
    List<Position> positions = new ArrayList<>();
    addHistory(positions, "findSessionHistory", group[0], reader, group[0], groupN);
    addHistory(positions, "findChatHistory", pair[0], pairUsers[0], pairUsers[1], pairN);
    List<Position> syncs = new ArrayList<>();
    String light = lightUser();
    addSync(syncs, "heavy user (" + reader + ")", reader);
    addSync(syncs, "light user (" + light + ")", light);

    Timings timings = new Timings();
    int wrong = 0;
    List<String> failures = new ArrayList<>();
    // warm-up: the JIT and the connection, not measured (tagged apart in the access log)
    Timings warmUp = new Timings("warm-up ");
    for (int round = 0; round < 30; round++) {
      for (Position p : positions) {
        call(warmUp, p, p.probes.get(round % p.probes.size()), failures);
      }
    }
    for (int round = 0; round < calls; round++) {
      for (Position p : positions) {
        wrong += call(timings, p, p.probes.get(round % p.probes.size()), failures);
      }
    }
    for (int round = 0; round < syncCalls; round++) {
      for (Position p : syncs) {
        wrong += call(timings, p, p.probes.get(round % p.probes.size()), failures);
      }
    }
    String capCheck = capCheck(group[0], reader);
    Map<String, Timings.Summary> summary = timings.summarise(accessLog, 15_000);
    List<Position> all = new ArrayList<>(positions);
    all.addAll(syncs);
    String explain = explains(group[0], groupN, reader, light);
    write(md, csv, png, facts, load, all, summary, wrong, failures, capCheck, explain);
    return wrong == 0 && summary.values().stream().allMatch(s -> s.logged() == s.calls());
  }

  private int call(Timings timings, Position p, Probe probe, List<String> failures)
      throws InterruptedException {
    String tag = timings.tag(p.group());
    try {
      Api.Call c = api.get(tag, p.user, p.api, probe.params);
      timings.record(tag, c.clientNanos());
      JsonNode list = c.answer().path(p.api.equals("syncMessage") ? "messageList" : "message_list");
      List<String> got = new ArrayList<>();
      list.forEach(m -> got.add(m.path("msg_id").asText()));
      if (!got.equals(probe.expected)) {
        if (failures.size() < 10) {
          failures.add(
              p.group()
                  + " "
                  + probe.params
                  + ": expected "
                  + probe.expected.size()
                  + " messages "
                  + head(probe.expected)
                  + ", got "
                  + got.size()
                  + " "
                  + head(got));
        }
        return 1;
      }
      return 0;
    } catch (IOException e) {
      if (failures.size() < 10) {
        failures.add(p.group() + " " + probe.params + ": " + e.getMessage());
      }
      return 1;
    }
  }

  private static String head(List<String> ids) {
    return ids.isEmpty() ? "[]" : "[" + ids.get(0) + " … " + ids.get(ids.size() - 1) + "]";
  }

  /** The cursor and offset positions of one session's history. */
  private void addHistory(
      List<Position> out, String operation, String sessionId, String user, String param, long n)
      throws SQLException {
    // the cursor path: newest page (no cursor), then cursors at growing depths
    out.add(
        new Position(
            operation,
            "cursor",
            "newest",
            0,
            user,
            List.of(
                new Probe(
                    Api.params("session_id", param, "user_id", user), ids(sessionId, n, 20)))));
    long[] depths = {1_000, 10_000, 100_000, n / 2, n - 20};
    String[] labels = {"1k deep", "10k deep", "100k deep", "middle", "deepest"};
    for (int i = 0; i < depths.length; i++) {
      long d = depths[i];
      if (d + 20 > n || (i < 3 && d >= n / 2)) {
        continue;
      }
      List<Probe> probes = new ArrayList<>();
      for (int k = 0; k < 50; k++) {
        // cursors spread over ±250 around the depth (the deepest: the last pages)
        long cursorSeq =
            labels[i].equals("deepest")
                ? 21 + random.nextInt(Math.max(1, (int) Math.min(250, n - 21)))
                : Math.max(21, Math.min(n, n - d + 1 + random.nextInt(501) - 250));
        String cursor = msgIdAt(sessionId, cursorSeq);
        probes.add(
            new Probe(
                Api.params("session_id", param, "user_id", user, "before_msg_id", cursor),
                ids(sessionId, cursorSeq - 1, 20)));
      }
      long depth = n - depths[i] <= 20 ? n - 20 : d;
      out.add(new Position(operation, "cursor", labels[i], depth, user, probes));
    }
    // the offset path beside it, as far as the service allows (start ≤ 10000)
    for (long start : new long[] {0, 1_000, 10_000}) {
      if (start + 20 > n) {
        continue;
      }
      out.add(
          new Position(
              operation,
              "offset",
              "start=" + start,
              start,
              user,
              List.of(
                  new Probe(
                      Api.params(
                          "session_id",
                          param,
                          "user_id",
                          user,
                          "start",
                          Long.toString(start),
                          "length",
                          "20"),
                      ids(sessionId, n - start, 20)))));
    }
  }

  /** syncMessage (100 a page) from an old cursor (1–5% into the history) and a recent one. */
  private void addSync(List<Position> out, String who, String user) throws SQLException {
    long max = Queries.number(db, "select max(sync_seq) from tlim_message");
    for (String label : new String[] {"old cursor", "recent cursor"}) {
      List<Probe> probes = new ArrayList<>();
      for (int k = 0; k < 20; k++) {
        long point =
            label.equals("old cursor")
                ? (long) (max * (0.01 + 0.04 * random.nextDouble()))
                : (long) (max * (0.999 - 0.0005 * random.nextDouble()));
        String cursor = firstOfUserFrom(user, point);
        if (cursor == null) {
          continue;
        }
        probes.add(
            new Probe(
                Api.params("msg_to", user, "msg_id", cursor, "length", "100"),
                syncExpected(user, cursor)));
      }
      if (!probes.isEmpty()) {
        out.add(new Position("syncMessage", who, label, 0, user, probes));
      }
    }
  }

  private String capCheck(String sessionId, String user) throws InterruptedException {
    try {
      api.get(
          "cap#0",
          user,
          "findSessionHistory",
          Api.params("session_id", sessionId, "user_id", user, "start", "10001", "length", "20"));
      return "start=10001 was answered ok (expected error-026)";
    } catch (IOException e) {
      return "start=10001 is refused: " + e.getMessage().replaceAll(".*answered ", "answered ");
    }
  }

  // ---- the database's side -------------------------------------------------------------------

  private String[] biggest(int type) throws SQLException {
    String id =
        Queries.text(
            db,
            "select session_id from tlim_session where session_type = ?"
                + " order by last_seq desc limit 1",
            type);
    return new String[] {
      id, Queries.text(db, "select last_seq from tlim_session where session_id = ?", id)
    };
  }

  private String firstMember(String sessionId) throws SQLException {
    return Queries.text(db, "select min(user_id) from tlim_member where session_id = ?", sessionId);
  }

  /** A user in the fewest sessions (at least one with messages). */
  private String lightUser() throws SQLException {
    return Queries.text(
        db,
        "select user_id from tlim_member group by user_id order by count(*), user_id desc limit 1");
  }

  /** msg_ids of seq from {@code fromSeq} down, {@code count} of them (newest first). */
  private List<String> ids(String sessionId, long fromSeq, int count) throws SQLException {
    return Queries.column(
        db,
        "select msg_id from tlim_message where session_id = ? and seq <= ? and seq > 0"
            + " order by seq desc limit ?",
        sessionId,
        fromSeq,
        count);
  }

  private String msgIdAt(String sessionId, long seq) throws SQLException {
    return Queries.text(
        db, "select msg_id from tlim_message where session_id = ? and seq = ?", sessionId, seq);
  }

  private String firstOfUserFrom(String user, long syncSeq) throws SQLException {
    return Queries.text(
        db,
        "select m.msg_id from tlim_message m where m.session_id in"
            + " (select session_id from tlim_member where user_id = ?) and m.sync_seq >= ?"
            + " order by m.sync_seq limit 1",
        user,
        syncSeq);
  }

  /** What syncMessage must answer: the user's sessions' messages after the cursor, 100 of them. */
  private List<String> syncExpected(String user, String cursor) throws SQLException {
    return Queries.column(
        db,
        "select m.msg_id from tlim_message m join tlim_member mb on mb.session_id ="
            + " m.session_id and mb.user_id = ? where m.sync_seq > (select sync_seq from"
            + " tlim_message where msg_id = ?) and (mb.left_at is null or m.seq <="
            + " mb.left_seq) and (m.seq > 0 or m.msg_to = ?) order by m.sync_seq limit 100",
        user,
        cursor,
        user);
  }

  /** EXPLAIN ANALYZE of the statements the service runs, in the form EclipseLink sends them. */
  private String explains(String sessionId, long n, String heavy, String light)
      throws SQLException {
    Map<String, String> statements = new LinkedHashMap<>();
    statements.put(
        "history page, deepest cursor (seq < 21)",
        "select * from tlim_message where session_id = '"
            + sessionId
            + "' and seq < 21 and seq > 0 order by seq desc limit 20");
    statements.put(
        "history page, offset start=10000",
        "select * from tlim_message where session_id = '"
            + sessionId
            + "' and seq < 9223372036854775807 and seq > 0 order by seq desc limit 20 offset 10000");
    long old = Queries.number(db, "select max(sync_seq) / 50 from tlim_message");
    // the service reads a user in at most 32 sessions one by one, others by the global walk
    // (OfflineService.after, SyncQuery): both forms for both users, to compare
    for (String user : List.of(light, heavy)) {
      long sessions =
          Queries.number(db, "select count(*) from tlim_member where user_id = ?", user);
      String who = (user.equals(light) ? "light" : "heavy") + " user " + user + " (" + sessions;
      statements.put(
          "syncMessage of the " + who + " sessions) after sync_seq " + old + ", per session",
          perSessionSync(user, old));
      statements.put(
          "syncMessage of the " + who + " sessions) after sync_seq " + old + ", global walk",
          "select m.* from tlim_message m, tlim_member mb where mb.user_id = '"
              + user
              + "' and mb.session_id = m.session_id and m.sync_seq > "
              + old
              + " and (mb.left_at is null or m.seq <= mb.left_seq)"
              + " and (m.seq > 0 or m.msg_to = '"
              + user
              + "') order by m.sync_seq limit 101");
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : statements.entrySet()) {
      out.append("**").append(e.getKey()).append("**\n\n");
      out.append(Queries.explain(db, e.getValue()));
    }
    return out.toString();
  }

  /**
   * The per-session form of a sync page, as the service writes it for this user's memberships (a
   * user in one session reads it alone, without the merge).
   */
  private String perSessionSync(String user, long after) throws SQLException {
    String branches =
        Queries.text(
            db,
            "select string_agg('select m.* from tlim_message m where m.session_id = ''' ||"
                + " session_id || ''' and m.sync_seq > ' || ? || ' and m.seq + 0 <= ' || case when"
                + " left_at is null then 9223372036854775807 else left_seq end || ' and (m.seq > 0"
                + " or m.msg_to = ''' || user_id || ''') order by m.sync_seq limit 101', '@')"
                + " from tlim_member where user_id = ? and (left_at is null or left_seq is not"
                + " null)",
            Long.toString(after),
            user);
    if (!branches.contains("@")) {
      return branches;
    }
    return "(" + branches.replace("@", ") union all (") + ") order by sync_seq limit 101";
  }

  // ---- the results ---------------------------------------------------------------------------

  private void write(
      Path md,
      Path csv,
      Path png,
      String facts,
      String load,
      List<Position> positions,
      Map<String, Timings.Summary> summary,
      int wrong,
      List<String> failures,
      String capCheck,
      String explain)
      throws IOException {
    StringBuilder m = new StringBuilder();
    StringBuilder c =
        new StringBuilder(
            "api,path,position,depth,calls,logged,server_p50_ms,server_p90_ms,server_p99_ms,"
                + "server_max_ms,client_p50_ms,client_p99_ms\n");
    m.append(
        "| API | path | position | depth (newer messages) | calls | server p50 | server p90 |"
            + " **server p99** | server max | client p50 | client p99 |\n");
    m.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Charts.Lines lines = new Charts.Lines();
    Map<String, Integer> seen = new HashMap<>();
    for (Position p : positions) {
      Timings.Summary s = summary.get(p.group());
      if (s == null) {
        continue;
      }
      seen.merge(p.api, 1, Integer::sum);
      m.append(
          String.format(
              "| %s | %s | %s | %s | %d | %s | %s | **%s** | %s | %s | %s |\n",
              p.api,
              p.path,
              p.label,
              p.api.equals("syncMessage") ? "–" : Long.toString(p.depth),
              s.calls(),
              Timings.ms(s.serverP50()),
              Timings.ms(s.serverP90()),
              Timings.ms(s.serverP99()),
              Timings.ms(s.serverMax()),
              Timings.ms(s.clientP50()),
              Timings.ms(s.clientP99())));
      c.append(
          String.format(
              "%s,%s,%s,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n",
              p.api,
              p.path.replace(',', ' '),
              p.label,
              p.depth,
              s.calls(),
              s.logged(),
              s.serverP50(),
              s.serverP90(),
              s.serverP99(),
              s.serverMax(),
              s.clientP50(),
              s.clientP99()));
      if (!p.api.equals("syncMessage")) {
        double x = Math.max(1, p.depth);
        lines.add(p.api + " " + p.path + " p99", x, s.serverP99());
        if (p.path.equals("cursor")) {
          lines.add(p.api + " " + p.path + " p50", x, s.serverP50());
        }
      }
    }
    Charts.png(
        png,
        "History page (20 messages) latency against depth, server-side",
        "depth: messages newer than the page (log; newest page at 1)",
        "ms (Undertow request time)",
        lines,
        true);
    StringBuilder doc = new StringBuilder();
    doc.append("# P3: history at scale\n\n");
    doc.append(facts).append("\n\n");
    doc.append("Data: ").append(load).append("\n\n");
    doc.append(
        String.format(
            "Answers checked against the database: %s (%d wrong).%s\n\n",
            wrong == 0
                ? "**all right**: every page had exactly the expected messages in order"
                : "**some wrong**",
            wrong,
            failures.isEmpty()
                ? ""
                : " First failures:\n\n```\n" + String.join("\n", failures) + "\n```"));
    doc.append(
        "Server-side times are Undertow's access log (`%{RESPONSE_TIME_MICROS}`, switched on"
            + " for this run only): from reading the request to the end of the response, inside"
            + " WildFly; client-side times add the loopback HTTP round trip and the harness's JSON"
            + " parsing. Calls one at a time, positions interleaved; 30 rounds of warm-up not counted."
            + " Target: server p99 < 5 ms on the cursor path.\n\n");
    doc.append(m).append('\n');
    doc.append("The offset path cannot go deeper: the service caps `start` at 10000 (");
    doc.append(capCheck).append("), so the middle and the deepest pages of a large history are");
    doc.append(" only reachable with the `before_msg_id` cursor.\n\n");
    doc.append("![history page latency against depth](").append(png.getFileName()).append(")\n\n");
    doc.append("## What PostgreSQL does for them (EXPLAIN ANALYZE, after the run)\n\n");
    doc.append(explain);
    Files.writeString(md, doc.toString());
    Files.writeString(csv, c.toString());
  }
}
