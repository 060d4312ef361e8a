package im.tlim.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Keeps the copies of each session in the session's order (its seq), and keeps what was recalled or
 * cleared since it was queued from leaving the server.
 *
 * <p>Why it is needed: a session's seq is taken under the session's row lock, which the database
 * releases when it commits, before the broker commits the same transaction's copies. So a later
 * message of the session can reach the queue first. The broker hands one session's messages to one
 * consumer at a time (the session id is the message group), and this remembers per session the last
 * seq whose copies went out. A message that arrives past a gap is preceded by a catch-up of the
 * missing ones, read from the store (they are committed: the later one got the lock after them);
 * when their own copies come, they are passed over.
 *
 * <p>The marks live in this JVM and are forgotten a short while after a session's last copy: a
 * commit's two halves are milliseconds apart, so an older gap is not a reordering but a copy lost
 * with a crash (its message waits in the offline store) or one another node sent. With several
 * nodes, the broker's message groups must be pinned cluster-wide (docs/architecture.md); a group
 * that moves within that while resends at most a few copies, which devices drop by msg_id.
 */
@ApplicationScoped
public class SessionOrder {

  /** How long a session's mark, and a missing message's chance of a catch-up, last. */
  static final Duration WINDOW = Duration.ofSeconds(30);

  /** A larger gap is not waited for: it is no reordering. */
  static final long MAX_GAP = 200;

  private record Mark(long seq, long touchedAt) {}

  private final Map<String, Mark> marks = new ConcurrentHashMap<>();
  private final AtomicLong advances = new AtomicLong();

  /** The last seq of the session whose copies went out from here lately, or null. */
  public Long mark(String sessionId, long now) {
    Mark mark = marks.get(sessionId);
    return mark == null || now - mark.touchedAt() > WINDOW.toMillis() ? null : mark.seq();
  }

  /** Records that the copies up to {@code seq} of each session went out. */
  public void advance(Map<String, Long> reached, long now) {
    reached.forEach(
        (sessionId, seq) ->
            marks.merge(
                sessionId,
                new Mark(seq, now),
                (a, b) -> new Mark(Math.max(a.seq(), b.seq()), now)));
    if (advances.incrementAndGet() % 1024 == 0) {
      marks.values().removeIf(mark -> now - mark.touchedAt() > WINDOW.toMillis());
    }
  }

  /**
   * One copy to send: a dispatch as it was queued, or a catch-up of a stored message by its row id.
   */
  public record Step(Dispatch dispatch, Long catchUpId) {
    static Step of(Dispatch dispatch) {
      return new Step(dispatch, null);
    }

    static Step catchUp(long messageId) {
      return new Step(null, messageId);
    }
  }

  /**
   * What one JMS message comes to.
   *
   * @param steps what to send, in order
   * @param reached each session's new mark once the steps went out
   * @param withheld copies not sent: their message was recalled or cleared since it was queued
   */
  public record Plan(List<Step> steps, Map<String, Long> reached, int withheld) {

    /**
     * The dispatches to send, in order: each step's as queued, or its catch-up as {@code catchUp}
     * reads it (a message gone since is passed over).
     */
    public List<Dispatch> dispatches(LongFunction<Dispatch> catchUp) {
      List<Dispatch> dispatches = new ArrayList<>();
      for (Step step : steps) {
        Dispatch dispatch =
            step.dispatch() != null ? step.dispatch() : catchUp.apply(step.catchUpId());
        if (dispatch != null) {
          dispatches.add(dispatch);
        }
      }
      return dispatches;
    }
  }

  /**
   * Puts one JMS message's dispatches in their sessions' order, reading from the store, for each
   * session its stored copies belong to, the state of its messages since the session's mark (one
   * query per session; none for copies of what is not stored).
   */
  public Plan arrangeFromStore(List<Dispatch> dispatches, SessionLog log, long now) {
    Map<String, long[]> spans = new HashMap<>();
    Set<String> outOfOrder = new HashSet<>();
    for (Dispatch dispatch : dispatches) {
      Dispatch.Stored stored = dispatch.stored();
      if (stored == null) {
        continue;
      }
      if (!stored.inOrder()) {
        outOfOrder.add(stored.msgId());
        continue;
      }
      spans.merge(
          stored.sessionId(),
          new long[] {stored.seq(), stored.seq()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    Map<String, Long> marks = new HashMap<>();
    Map<String, List<LoggedMessage>> logs = new HashMap<>();
    spans.forEach(
        (sessionId, span) -> {
          Long mark = mark(sessionId, now);
          long[] range = rangeToRead(mark, span[0], span[1]);
          if (mark != null && mark >= range[0]) {
            marks.put(sessionId, mark);
          }
          logs.put(sessionId, log.range(sessionId, range[0], range[1]));
        });
    return arrange(dispatches, marks, logs, log.recalledAmong(outOfOrder), now);
  }

  /**
   * The range of seq to read from the store for a session before {@link #arrange}: from the
   * session's mark when it has a recent one that is close enough, else from the first copy.
   *
   * @return {afterSeq, toSeq}
   */
  static long[] rangeToRead(Long mark, long firstSeq, long lastSeq) {
    long from = firstSeq - 1;
    if (mark != null && mark < from && lastSeq - mark <= MAX_GAP) {
      from = mark;
    }
    return new long[] {from, lastSeq};
  }

  /**
   * Puts one JMS message's dispatches in the sessions' order.
   *
   * @param marks each session's mark (absent when unknown: nothing is then caught up)
   * @param logs each session's stored messages over the range {@link #rangeToRead} gave
   * @param recalledOutOfOrder msg_ids of out-of-order stored copies that were recalled
   */
  static Plan arrange(
      List<Dispatch> dispatches,
      Map<String, Long> marks,
      Map<String, List<LoggedMessage>> logs,
      Set<String> recalledOutOfOrder,
      long now) {
    Map<String, NavigableMap<Long, LoggedMessage>> bySeq = new HashMap<>();
    logs.forEach(
        (sessionId, log) -> {
          NavigableMap<Long, LoggedMessage> map = new TreeMap<>();
          log.forEach(m -> map.put(m.seq(), m));
          bySeq.put(sessionId, map);
        });
    Map<String, Set<Long>> carried = new HashMap<>();
    for (Dispatch dispatch : dispatches) {
      if (dispatch.stored() != null && dispatch.stored().inOrder()) {
        carried
            .computeIfAbsent(dispatch.stored().sessionId(), k -> new HashSet<>())
            .add(dispatch.stored().seq());
      }
    }
    List<Step> steps = new ArrayList<>();
    Map<String, Long> reached = new HashMap<>();
    int withheld = 0;
    for (Dispatch dispatch : dispatches) {
      Dispatch.Stored stored = dispatch.stored();
      if (stored == null) {
        steps.add(Step.of(dispatch));
        continue;
      }
      if (!stored.inOrder()) {
        if (recalledOutOfOrder.contains(stored.msgId())) {
          withheld++;
        } else {
          steps.add(Step.of(dispatch));
        }
        continue;
      }
      String sessionId = stored.sessionId();
      NavigableMap<Long, LoggedMessage> log =
          bySeq.getOrDefault(sessionId, Collections.emptyNavigableMap());
      Long mark = reached.containsKey(sessionId) ? reached.get(sessionId) : marks.get(sessionId);
      if (mark != null && stored.seq() <= mark) {
        continue; // its copies went out already, with a catch-up or an earlier delivery of this
      }
      if (mark != null) {
        for (LoggedMessage missing : log.subMap(mark, false, stored.seq(), false).values()) {
          boolean coming = carried.getOrDefault(sessionId, Set.of()).contains(missing.seq());
          if (!coming && !missing.recalled() && now - missing.storedAt() <= WINDOW.toMillis()) {
            steps.add(Step.catchUp(missing.id()));
          }
        }
      }
      reached.put(sessionId, stored.seq());
      LoggedMessage logged = log.get(stored.seq());
      if (logged == null || logged.recalled()) {
        withheld++; // recalled, or the history was cleared, since it was queued
        continue;
      }
      steps.add(Step.of(dispatch));
    }
    return new Plan(steps, reached, withheld);
  }
}
