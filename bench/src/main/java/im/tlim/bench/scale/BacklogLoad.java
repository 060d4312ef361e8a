package im.tlim.bench.scale;

import java.sql.Connection;
import java.sql.SQLException;
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

  BacklogLoad(int backlog) {
    this.backlog = backlog;
  }

  String load(Connection db) throws SQLException {
    long start = now - 7 * 86_400_000L;
    List<Conversation> pairs = new ArrayList<>();
    List<Conversation> groups = new ArrayList<>();
    List<Conversation> others = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String peer = HistoryLoad.user(i);
      pairs.add(
          new Conversation(
              Conversation.pairKey(USER, peer), false, Conversation.pair(USER, peer), start));
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
      groups.add(new Conversation(String.format("grp-b%02d", g), true, members, start));
    }
    for (int i = 0; i < 100; i++) {
      String a = HistoryLoad.user(random.nextInt(SENDERS));
      String b = HistoryLoad.user(random.nextInt(SENDERS));
      if (!a.equals(b) && others.stream().noneMatch(s -> s.id.equals(Conversation.pairKey(a, b)))) {
        others.add(
            new Conversation(Conversation.pairKey(a, b), false, Conversation.pair(a, b), start));
      }
    }
    Conversation.beginLoad(db);
    long t0 = System.nanoTime();
    long id = 0;
    long inboxOthers = 0;
    long total = 2L * backlog;
    long step = Math.max(1, (now - 60_000 - start) / total);
    // one COPY at a time on a connection: the inbox rows are kept until the messages are in
    List<String> inboxUsers = new ArrayList<>();
    List<Long> inboxIds = new ArrayList<>();
    try (Copy messages = Conversation.messages(db)) {
      for (long k = 0; k < total; k++) {
        boolean toUser = k % 2 == 0;
        Conversation s;
        if (toUser) {
          s =
              random.nextInt(10) < 7
                  ? pairs.get(random.nextInt(pairs.size()))
                  : groups.get(random.nextInt(groups.size()));
        } else {
          s = others.get(random.nextInt(others.size()));
        }
        id++;
        String from;
        do {
          from = s.members.get(random.nextInt(s.members.size()));
        } while (from.equals(USER));
        long time = start + k * step;
        s.message(
            messages,
            id,
            new UUID(random.nextLong(), random.nextLong()),
            from,
            time,
            "backlog message " + k + " from " + from,
            time + 7);
        if (toUser) {
          inboxUsers.add(USER);
          inboxIds.add(id);
        } else if (random.nextInt(10) == 0) {
          // another user's copy, not yet acknowledged either
          inboxUsers.add(s.to(from));
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
    List<Conversation> all = new ArrayList<>(pairs);
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
    // the backlog's user has read nothing of it; everyone else everything
    Conversation.sessions(db, all, (session, member) -> !member.equals(USER));
    Conversation.endLoad(db, id);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return String.format(
        "%s has %d undelivered messages (tlim_inbox rows) from 50 pairs and 10 groups; %d more"
            + " messages in %d other pairs, with %d other users' inbox rows; %d users; loaded"
            + " in %.0f s (COPY)",
        USER, backlog, total - backlog, others.size(), inboxOthers, users.size(), seconds);
  }
}
