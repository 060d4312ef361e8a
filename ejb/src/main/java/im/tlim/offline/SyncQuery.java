package im.tlim.offline;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one syncMessage page: the user's sessions' messages after a commit-order position
 * ({@code sync_seq}), a former member's only up to their leaving, a notice (negative seq) only for
 * the user it is addressed to, in commit order, {@code limit} rows. Two forms with the same answer,
 * for PostgreSQL and H2 alike:
 *
 * <ul>
 *   <li>{@link #perSession}, for a user in a few sessions: each session read on its own from the
 *       index {@code (session_id, sync_seq)} (a range of at most {@code limit} rows), the branches
 *       merged. Its cost is bounded by the user's own sessions, whatever the table holds.
 *   <li>{@link #global}, for a user in many sessions: the walk of {@code uq_message_sync_seq} from
 *       the cursor, filtered by membership. Cheap when the user's messages are dense among
 *       everyone's (a member of busy sessions), where per-session branches would read many pages.
 * </ul>
 *
 * <p>Parameters are numbered ({@code ?1}, {@code ?2} …) in the order they appear.
 */
record SyncQuery(String sql, List<Object> parameters) {

  /**
   * The most sessions read one by one: each branch reads at most {@code limit} rows, so a page
   * costs at most 32 pages of index rows; past it the global walk (the rows after the cursor over
   * the user's share of them) is taken to be cheaper, reasoned, not measured
   * (docs/bench/README.md).
   */
  static final int PER_SESSION_MAX_SESSIONS = 32;

  /** A session the user may read, up to (and including) {@code lastSeq}. */
  record Window(String sessionId, long lastSeq) {}

  /** The global walk, as the JPQL join was sent before: members joined to every later message. */
  static SyncQuery global(String userId, long after, int limit) {
    Builder b = new Builder();
    b.sql.append("select m.* from tlim_message m, tlim_member mb where mb.user_id = ");
    b.param(userId).append(" and mb.session_id = m.session_id and m.sync_seq > ");
    b.param(after);
    b.sql.append(" and (mb.left_at is null or m.seq <= mb.left_seq) and (m.seq > 0 or m.msg_to = ");
    b.param(userId).append(") order by m.sync_seq limit ");
    b.param(limit);
    return b.build();
  }

  /**
   * One branch per window, each its session's first {@code limit} rows after the cursor, and the
   * first {@code limit} of their union: every row of the page is among its session's first rows.
   */
  static SyncQuery perSession(String userId, List<Window> windows, long after, int limit) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("no session to read");
    }
    Builder b = new Builder();
    // one session is its own page (PostgreSQL refuses a parenthesised query ordered again)
    boolean merged = windows.size() > 1;
    for (Window w : windows) {
      if (b.sql.length() > 0) {
        b.sql.append(" union all ");
      }
      b.sql
          .append(merged ? "(" : "")
          .append("select m.* from tlim_message m where m.session_id = ");
      b.param(w.sessionId()).append(" and m.sync_seq > ");
      // seq + 0, an expression: the range read is sync_seq's, never (session_id, seq) (H2 took
      // that index for a window of seq <= max and sorted the whole session)
      b.param(after).append(" and m.seq + 0 <= ");
      b.param(w.lastSeq()).append(" and (m.seq > 0 or m.msg_to = ");
      b.param(userId).append(") order by m.sync_seq limit ");
      b.param(limit).append(merged ? ")" : "");
    }
    if (merged) {
      b.sql.append(" order by sync_seq limit ");
      b.param(limit);
    }
    return b.build();
  }

  private static final class Builder {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    StringBuilder param(Object value) {
      parameters.add(value);
      return sql.append('?').append(parameters.size());
    }

    SyncQuery build() {
      return new SyncQuery(sql.toString(), List.copyOf(parameters));
    }
  }
}
