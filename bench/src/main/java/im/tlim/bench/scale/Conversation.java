package im.tlim.bench.scale;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;

/**
 * A conversation as the loaders generate it, written the way the service stores one: its messages
 * as tlim_message rows numbered in the session ({@link #seq}), and afterwards its tlim_session row
 * and one tlim_member row per member. {@link #beginLoad} and {@link #endLoad} frame a load: FK
 * triggers off while the rows go in, then the id sequence and the sync clock moved past them.
 */
class Conversation {

  final String id;
  final boolean group;
  final List<String> members;
  final long created;

  /** The seq of the last message written, so at the end the session's last_seq. */
  long seq;

  Conversation(String id, boolean group, List<String> members, long created) {
    this.id = id;
    this.group = group;
    this.members = members;
    this.created = created;
  }

  /** The service's key of a 1:1 pair: {@code p:<a>:<b>} with a &lt; b. */
  static String pairKey(String a, String b) {
    return a.compareTo(b) < 0 ? "p:" + a + ":" + b : "p:" + b + ":" + a;
  }

  /** A pair's members in the order of its key. */
  static List<String> pair(String a, String b) {
    return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
  }

  /** Whom a message from {@code from} is addressed to: the group, or the other of the pair. */
  String to(String from) {
    return group ? id : (members.get(0).equals(from) ? members.get(1) : members.get(0));
  }

  /** The COPY of tlim_message rows that {@link #message} writes into. */
  static Copy messages(Connection db) throws SQLException {
    return new Copy(
        db,
        "tlim_message",
        "id, msg_id, session_id, seq, msg_from, msg_to, msg_type, msg_time, body, recalled,"
            + " stored_at, sync_seq");
  }

  /**
   * The conversation's next message, with message id {@code id} (also its sync_seq: the loaders
   * number in commit order), addressed as {@link #to} says.
   */
  void message(Copy messages, long id, UUID msgId, String from, long time, String text, long stored)
      throws SQLException {
    seq++;
    messages.row(
        id,
        msgId,
        this.id,
        seq,
        from,
        to(from),
        group ? "MTS-000" : "MTT-000",
        time,
        group
            ? "[{\"session_id\":\"" + this.id + "\",\"text\":\"" + text + "\"}]"
            : "[{\"text\":\"" + text + "\"}]",
        false,
        stored,
        id);
  }

  /**
   * The tlim_session rows of conversations whose messages are written, and their tlim_member rows:
   * a member for whom {@code hasRead} holds has read everything, the others nothing.
   */
  static void sessions(
      Connection db, List<? extends Conversation> all, BiPredicate<Conversation, String> hasRead)
      throws SQLException {
    try (Copy copy =
        new Copy(
            db,
            "tlim_session",
            "session_id, session_type, session_name, creator, create_time, modify_time, valid,"
                + " last_seq, message_count")) {
      for (Conversation s : all) {
        copy.row(
            s.id,
            s.group ? 0 : 99,
            s.group ? "Group " + s.id : "",
            s.members.get(0),
            s.created,
            s.created,
            0,
            s.seq,
            s.seq);
      }
    }
    try (Copy copy =
        new Copy(db, "tlim_member", "session_id, user_id, joined_at, read_seq, read_status")) {
      for (Conversation s : all) {
        for (String m : s.members) {
          boolean read = hasRead.test(s, m);
          copy.row(s.id, m, s.created, read ? s.seq : 0, read ? 2 : 0);
        }
      }
    }
  }

  /** FK triggers off for the load: the generators keep the rows consistent themselves. */
  static void beginLoad(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("set session_replication_role = replica");
    }
  }

  /**
   * Triggers on again; the ids the service takes next start above the loaded ones (blocks of 50),
   * and its sync clock stands at the last loaded message. Commits the load.
   */
  static void endLoad(Connection db, long lastId) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("set session_replication_role = origin");
      s.execute("select setval('tlim_message_seq', " + ((lastId / 50) + 2) * 50 + ", true)");
      s.execute("update tlim_sync_clock set last_seq = " + lastId + " where id = 1");
    }
    db.commit();
  }
}
