package im.tlim.bench.scale;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * P3's data: {@code messages} messages over realistic conversations, bulk-loaded with COPY into the
 * schema the service created. Many users; 1:1 pairs and groups of 3 to 500 members (sizes
 * power-law); activity power-law too (Zipf over sessions), with one huge group (20% of all
 * messages) and one huge pair (10%), so "deepest" is really deep. Messages are numbered in time
 * order across sessions, as the service numbers them: ids and sync_seq follow the global order, seq
 * each session's own. Every table a message touches is consistent: tlim_session's last_seq and
 * message_count, tlim_member (everyone has read everything, and every copy was delivered, so
 * tlim_inbox is empty, as after delivered receipts), the id sequence and the sync clock.
 */
final class HistoryLoad {

  /** The largest group and pair, as the measurement finds them again (largest last_seq). */
  static final String BIG_GROUP = "grp-big";

  private static final long DAY = 86_400_000L;
  private static final String[] WORDS =
      ("ok see you tomorrow at the meeting can you send me the file please thanks I think we"
              + " should ask the team about this before friday sounds good let me check the numbers"
              + " again the report is almost done lunch today sure where are you now call me when"
              + " you are free")
          .split(" ");

  private final int messages;
  private final Random random = new Random(11);
  private final long now = System.currentTimeMillis();

  /** One conversation while it is generated: how many messages it gets, spread over its span. */
  private static final class Session extends Conversation {
    final long count;
    final long start;
    final long span;
    long nextTime;

    Session(String id, boolean group, List<String> members, long count, long start, long end) {
      super(id, group, members, start);
      this.count = count;
      this.start = start;
      this.span = end - start;
      this.nextTime = start;
    }
  }

  HistoryLoad(int messages) {
    this.messages = messages;
  }

  static String user(int i) {
    return String.format("u%06d", i);
  }

  /** Loads everything and returns a one-line description of what it loaded. */
  String load(Connection db) throws SQLException {
    int users = Math.max(400, messages / 500);
    List<Session> sessions = sessions(users);
    long t0 = System.nanoTime();
    Conversation.beginLoad(db);
    try (Copy copy = new Copy(db, "tlim_user", "user_id, user_name, removed, created_at")) {
      for (int i = 0; i < users; i++) {
        copy.row(user(i), "User " + i, false, now - 400 * DAY);
      }
    }
    long id = 0;
    PriorityQueue<Session> byTime =
        new PriorityQueue<>((a, b) -> Long.compare(a.nextTime, b.nextTime));
    byTime.addAll(sessions);
    StringBuilder text = new StringBuilder();
    try (Copy copy = Conversation.messages(db)) {
      while (!byTime.isEmpty()) {
        Session s = byTime.poll();
        id++;
        long time = s.nextTime;
        String from = s.members.get(random.nextInt(s.members.size()));
        text.setLength(0);
        int words = 3 + random.nextInt(25);
        for (int w = 0; w < words; w++) {
          text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        s.message(
            copy,
            id,
            new UUID(random.nextLong(), random.nextLong()),
            from,
            time,
            text.toString(),
            time + 5 + random.nextInt(40));
        if (s.seq < s.count) {
          // message k at a random moment of its slot k of the session's span: in order, and
          // never past the span's end, whatever the session's rate
          s.nextTime =
              Math.max(time, s.start + (long) ((s.seq + random.nextDouble()) * s.span / s.count));
          byTime.add(s);
        }
      }
    }
    // every session got its count; everyone has read everything
    Conversation.sessions(db, sessions, (session, member) -> true);
    long memberRows = sessions.stream().mapToLong(x -> x.members.size()).sum();
    Conversation.endLoad(db, id);
    double seconds = (System.nanoTime() - t0) / 1e9;
    Session bigGroup = sessions.get(0);
    Session bigPair = sessions.get(1);
    long groups = sessions.stream().filter(x -> x.group).count();
    return String.format(
        "%d messages, %d users, %d sessions (%d groups, %d pairs), %d member rows; largest group"
            + " %s: %d messages, %d members; largest pair %s: %d messages; loaded in %.0f s"
            + " (COPY, %.0f messages/s)",
        id,
        users,
        sessions.size(),
        groups,
        sessions.size() - groups,
        memberRows,
        bigGroup.id,
        bigGroup.count,
        bigGroup.members.size(),
        bigPair.id,
        bigPair.count,
        seconds,
        id / seconds);
  }

  /** The conversations and how many messages each gets (they sum to {@code messages}). */
  private List<Session> sessions(int users) {
    long start = now - 365 * DAY;
    long end = now - 60_000;
    List<Session> sessions = new ArrayList<>();
    // the two huge ones: 20% and 10% of everything
    long bigGroupCount = messages / 5;
    long bigPairCount = messages / 10;
    sessions.add(
        new Session(BIG_GROUP, true, range(0, Math.min(200, users)), bigGroupCount, start, end));
    sessions.add(
        new Session(
            Conversation.pairKey(user(0), user(1)),
            false,
            Conversation.pair(user(0), user(1)),
            bigPairCount,
            start,
            end));
    // the rest: a group per 20 users (3..500 members, Pareto), three pairs per user
    List<String> ids = new ArrayList<>();
    List<List<String>> members = new ArrayList<>();
    for (int g = 0; g < users / 20; g++) {
      int size =
          (int) Math.min(500, Math.min(users, 3 / Math.pow(1 - random.nextDouble(), 1 / 1.2)));
      Set<Integer> chosen = new HashSet<>();
      while (chosen.size() < Math.max(3, size)) {
        chosen.add(random.nextInt(users));
      }
      List<String> list = new ArrayList<>();
      chosen.stream().sorted().forEach(i -> list.add(user(i)));
      ids.add(String.format("grp-%05d", g));
      members.add(list);
    }
    Set<String> pairs = new HashSet<>();
    pairs.add(Conversation.pairKey(user(0), user(1)));
    while (pairs.size() < 1 + 3 * users) {
      String a = user(random.nextInt(users));
      String b = user(random.nextInt(users));
      if (!a.equals(b) && pairs.add(Conversation.pairKey(a, b))) {
        ids.add(Conversation.pairKey(a, b));
        members.add(Conversation.pair(a, b));
      }
    }
    // Zipf over the rest, ranks shuffled: a few busy conversations, many quiet ones
    int n = ids.size();
    double[] weight = new double[n];
    double sum = 0;
    List<Integer> ranks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ranks.add(i + 1);
    }
    java.util.Collections.shuffle(ranks, random);
    for (int i = 0; i < n; i++) {
      weight[i] = 1.0 / ranks.get(i);
      sum += weight[i];
    }
    long rest = messages - bigGroupCount - bigPairCount;
    long given = 0;
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      counts[i] = Math.max(1, (long) (rest * weight[i] / sum));
      given += counts[i];
    }
    // what rounding left over goes to the busiest of the rest
    int busiest = ranks.indexOf(1);
    counts[busiest] = Math.max(1, counts[busiest] + rest - given);
    for (int i = 0; i < n; i++) {
      long first = start + (long) (random.nextDouble() * (end - start) * 0.8);
      boolean group = ids.get(i).startsWith("grp-");
      sessions.add(new Session(ids.get(i), group, members.get(i), counts[i], first, end));
    }
    return sessions;
  }

  private static List<String> range(int from, int to) {
    List<String> list = new ArrayList<>();
    for (int i = from; i < to; i++) {
      list.add(user(i));
    }
    return list;
  }
}
