package im.tlim.bench.scale;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * P4's data: one user, {@link #USER}, with {@code backlog} undelivered messages, bulk-loaded as the
 * service stores offline copies: each message one tlim_message row (numbered in its session, with
 * its sync_seq) and one tlim_inbox row per recipient that has not acknowledged it. The backlog
 * comes from 50 1:1 pairs (70%) and 10 groups (30%) the user belongs to; the other members of those
 * groups were online and acknowledged their copies, so only the user's rows remain. Besides it, as
 * much history again in conversations the user is not in, and other users' small offline stores
 * (10% of the backlog), so the user's rows are not the whole table.
 */
final class BacklogLoad {

  static final String USER = "u-backlog";

  private static final int SENDERS = 200;

  private final int backlog;
  private final Random random = new Random(17);
  private final long now = System.currentTimeMillis();

  private static final class Session {
    final String id;
    final boolean group;
    final List<String> members;
    final boolean withUser;
    long seq;

    Session(String id, boolean group, List<String> members, boolean withUser) {
      this.id = id;
      this.group = group;
      this.members = members;
      this.withUser = withUser;
    }
  }

  BacklogLoad(int backlog) {
    this.backlog = backlog;
  }

  String load(Connection db) throws SQLException {
    List<Session> pairs = new ArrayList<>();
    List<Session> groups = new ArrayList<>();
    List<Session> others = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String peer = HistoryLoad.user(i);
      pairs.add(new Session(HistoryLoad.pairKey(USER, peer), false, sorted(USER, peer), true));
    }
    for (int g = 0; g < 10; g++) {
      List<String> members = new ArrayList<>();
      members.add(USER);
      int size = 5 + random.nextInt(30);
      for (int k = 0; k < size; k++) {
        String m = HistoryLoad.user(random.nextInt(SENDERS));
        if (!members.contains(m)) {
          members.add(m);
        }
      }
      groups.add(new Session(String.format("grp-b%02d", g), true, members, true));
    }
    for (int i = 0; i < 100; i++) {
      String a = HistoryLoad.user(random.nextInt(SENDERS));
      String b = HistoryLoad.user(random.nextInt(SENDERS));
      if (!a.equals(b) && others.stream().noneMatch(s -> s.id.equals(HistoryLoad.pairKey(a, b)))) {
        others.add(new Session(HistoryLoad.pairKey(a, b), false, sorted(a, b), false));
      }
    }
    try (Statement s = db.createStatement()) {
      s.execute("set session_replication_role = replica");
    }
    long t0 = System.nanoTime();
    long id = 0;
    long inboxOthers = 0;
    long start = now - 7 * 86_400_000L;
    long total = 2L * backlog;
    long step = Math.max(1, (now - 60_000 - start) / total);
    // one COPY at a time on a connection: the inbox rows are kept until the messages are in
    List<String> inboxUsers = new ArrayList<>();
    List<Long> inboxIds = new ArrayList<>();
    try (Copy messages =
        new Copy(
            db,
            "tlim_message",
            "id, msg_id, session_id, seq, msg_from, msg_to, msg_type, msg_time, body, recalled,"
                + " stored_at, sync_seq")) {
      for (long k = 0; k < total; k++) {
        boolean toUser = k % 2 == 0;
        Session s;
        if (toUser) {
          s =
              random.nextInt(10) < 7
                  ? pairs.get(random.nextInt(pairs.size()))
                  : groups.get(random.nextInt(groups.size()));
        } else {
          s = others.get(random.nextInt(others.size()));
        }
        id++;
        s.seq++;
        String from;
        do {
          from = s.members.get(random.nextInt(s.members.size()));
        } while (from.equals(USER));
        String to =
            s.group ? s.id : (s.members.get(0).equals(from) ? s.members.get(1) : s.members.get(0));
        long time = start + k * step;
        String text = "backlog message " + k + " from " + from;
        messages.row(
            id,
            new UUID(random.nextLong(), random.nextLong()),
            s.id,
            s.seq,
            from,
            to,
            s.group ? "MTS-000" : "MTT-000",
            time,
            s.group
                ? "[{\"session_id\":\"" + s.id + "\",\"text\":\"" + text + "\"}]"
                : "[{\"text\":\"" + text + "\"}]",
            false,
            time + 7,
            id);
        if (toUser) {
          inboxUsers.add(USER);
          inboxIds.add(id);
        } else if (random.nextInt(10) == 0) {
          // another user's copy, not yet acknowledged either
          inboxUsers.add(to);
          inboxIds.add(id);
          inboxOthers++;
        }
      }
    }
    try (Copy inbox = new Copy(db, "tlim_inbox", "user_id, message_id, web_got")) {
      for (int i = 0; i < inboxIds.size(); i++) {
        inbox.row(inboxUsers.get(i), inboxIds.get(i), false);
      }
    }
    List<Session> all = new ArrayList<>(pairs);
    all.addAll(groups);
    all.addAll(others);
    List<String> users = new ArrayList<>();
    users.add(USER);
    for (int i = 0; i < SENDERS; i++) {
      users.add(HistoryLoad.user(i));
    }
    try (Copy copy = new Copy(db, "tlim_user", "user_id, user_name, removed, created_at")) {
      for (String u : users) {
        copy.row(u, "User " + u, false, start);
      }
    }
    try (Copy copy =
        new Copy(
            db,
            "tlim_session",
            "session_id, session_type, session_name, creator, create_time, modify_time, valid,"
                + " last_seq, message_count")) {
      for (Session s : all) {
        copy.row(
            s.id,
            s.group ? 0 : 99,
            s.group ? "Group " + s.id : "",
            s.members.get(0),
            start,
            start,
            0,
            s.seq,
            s.seq);
      }
    }
    try (Copy copy =
        new Copy(db, "tlim_member", "session_id, user_id, joined_at, read_seq, read_status")) {
      for (Session s : all) {
        for (String m : s.members) {
          // the backlog's user has read nothing of it; everyone else everything
          copy.row(s.id, m, start, m.equals(USER) ? 0 : s.seq, m.equals(USER) ? 0 : 2);
        }
      }
    }
    try (Statement s = db.createStatement()) {
      s.execute("set session_replication_role = origin");
      s.execute("select setval('tlim_message_seq', " + ((id / 50) + 2) * 50 + ", true)");
      s.execute("update tlim_sync_clock set last_seq = " + id + " where id = 1");
    }
    db.commit();
    double seconds = (System.nanoTime() - t0) / 1e9;
    return String.format(
        "%s has %d undelivered messages (tlim_inbox rows) from 50 pairs and 10 groups; %d more"
            + " messages in %d other pairs, with %d other users' inbox rows; %d users; loaded"
            + " in %.0f s (COPY)",
        USER, backlog, total - backlog, others.size(), inboxOthers, users.size(), seconds);
  }

  private static List<String> sorted(String a, String b) {
    return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
  }
}
