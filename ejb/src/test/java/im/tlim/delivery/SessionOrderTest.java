package im.tlim.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionOrderTest {

  private static final long NOW = 1_000_000L;

  private static Dispatch copy(long seq) {
    return copyToBob(true, new Dispatch.Stored("m" + seq, "MTS-000", "alice", "g", seq));
  }

  /** A copy to bob of a stored 1:1 message that has no place in a session's order (no seq). */
  private static Dispatch outOfOrderCopy(String msgId) {
    return copyToBob(false, new Dispatch.Stored(msgId, "MTT-000", "a", "p", null));
  }

  private static Dispatch copyToBob(boolean addressEach, Dispatch.Stored stored) {
    return new Dispatch("{}", null, List.of("bob"), addressEach, null, null, stored);
  }

  /** Row ids are the seq + 100, to tell them apart. */
  private static LoggedMessage row(long seq, boolean recalled, long storedAt) {
    return new LoggedMessage(seq + 100, seq, recalled, storedAt);
  }

  private static List<LoggedMessage> rows(long from, long to) {
    List<LoggedMessage> rows = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      rows.add(row(seq, false, NOW - 10));
    }
    return rows;
  }

  /** What the plan sends: "5" for a queued copy of seq 5, "+5" for a catch-up of it. */
  private static List<String> sent(SessionOrder.Plan plan) {
    return plan.steps().stream()
        .map(
            s ->
                s.dispatch() != null
                    ? (s.dispatch().stored() == null
                        ? "forwarded"
                        : String.valueOf(s.dispatch().stored().seq()))
                    : "+" + (s.catchUpId() - 100))
        .toList();
  }

  @Test
  void copiesInOrderGoOutAsTheyCome() {
    SessionOrder.Plan plan =
        SessionOrder.arrange(
            List.of(copy(5), copy(6)), Map.of("g", 4L), Map.of("g", rows(5, 6)), Set.of(), NOW);

    assertEquals(List.of("5", "6"), sent(plan));
    assertEquals(Map.of("g", 6L), plan.reached());
  }

  @Test
  void aCopyPastAGapIsPrecededByTheMissingOnesAndTheirOwnCopiesArePassedOverLater() {
    SessionOrder.Plan first =
        SessionOrder.arrange(
            List.of(copy(7)), Map.of("g", 4L), Map.of("g", rows(5, 7)), Set.of(), NOW);
    assertEquals(List.of("+5", "+6", "7"), sent(first));

    SessionOrder.Plan late =
        SessionOrder.arrange(
            List.of(copy(5), copy(6)), Map.of("g", 7L), Map.of("g", rows(5, 6)), Set.of(), NOW);
    assertEquals(List.of(), sent(late));
    assertEquals(0, late.withheld());
  }

  @Test
  void aMissingOneThatComesLaterInTheSameMessageIsNotCaughtUp() {
    SessionOrder.Plan plan =
        SessionOrder.arrange(
            List.of(copy(6), copy(5)), Map.of("g", 4L), Map.of("g", rows(5, 6)), Set.of(), NOW);

    // 6 is preceded by a catch-up of 5 only if 5 is not carried: it is, and comes after
    assertEquals(List.of("6"), sent(plan));
  }

  @Test
  void recalledOrClearedMessagesAreWithheldAndNotCaughtUp() {
    List<LoggedMessage> log =
        List.of(row(5, true, NOW - 10), row(7, true, NOW - 10), row(8, false, NOW - 10));
    // 6 is gone (a cleared history)
    SessionOrder.Plan plan =
        SessionOrder.arrange(
            List.of(copy(6), copy(7), copy(8)), Map.of("g", 4L), Map.of("g", log), Set.of(), NOW);

    assertEquals(List.of("8"), sent(plan));
    assertEquals(2, plan.withheld());
    assertEquals(Map.of("g", 8L), plan.reached());
  }

  @Test
  void withoutAMarkNothingIsCaughtUpOrPassedOver() {
    SessionOrder.Plan plan =
        SessionOrder.arrange(List.of(copy(9)), Map.of(), Map.of("g", rows(9, 9)), Set.of(), NOW);

    assertEquals(List.of("9"), sent(plan));
  }

  @Test
  void onlyRecentMissingMessagesAreCaughtUp() {
    List<LoggedMessage> log =
        List.of(
            row(5, false, NOW - SessionOrder.WINDOW.toMillis() - 1),
            row(6, false, NOW - 10),
            row(7, false, NOW));
    SessionOrder.Plan plan =
        SessionOrder.arrange(List.of(copy(7)), Map.of("g", 4L), Map.of("g", log), Set.of(), NOW);

    assertEquals(List.of("+6", "7"), sent(plan));
  }

  @Test
  void forwardedAndOutOfOrderCopiesGoOutWhereTheyAreUnlessRecalled() {
    Dispatch receipt = Dispatch.to(List.of("alice"), "{}", null);
    Dispatch resend = outOfOrderCopy("r");
    Dispatch recalled = outOfOrderCopy("x");
    SessionOrder.Plan plan =
        SessionOrder.arrange(
            List.of(receipt, resend, recalled), Map.of(), Map.of(), Set.of("x"), NOW);

    assertEquals(3 - 1, plan.steps().size());
    assertEquals(1, plan.withheld());
    assertEquals(Map.of(), plan.reached());
  }

  @Test
  void theRangeStartsAtARecentCloseMarkElseAtTheFirstCopy() {
    assertArrayEquals(new long[] {4, 9}, SessionOrder.rangeToRead(4L, 7, 9));
    assertArrayEquals(new long[] {6, 9}, SessionOrder.rangeToRead(null, 7, 9));
    assertArrayEquals(new long[] {6, 9}, SessionOrder.rangeToRead(8L, 7, 9));
    assertArrayEquals(
        new long[] {999, 1000},
        SessionOrder.rangeToRead(1000 - SessionOrder.MAX_GAP - 1, 1000, 1000));
  }

  @Test
  void marksAreForgottenAfterTheWindow() {
    SessionOrder order = new SessionOrder();
    order.advance(Map.of("g", 5L), NOW);
    order.advance(Map.of("g", 3L), NOW);

    assertEquals(5L, order.mark("g", NOW + 1));
    assertNull(order.mark("g", NOW + SessionOrder.WINDOW.toMillis() + 1));
  }

  /** A store that answers from lists and records what it was asked. */
  private static final class FakeLog extends SessionLog {
    final Map<String, List<LoggedMessage>> sessions;
    final Set<String> recalled;
    final List<String> asked = new ArrayList<>();

    FakeLog(Map<String, List<LoggedMessage>> sessions, Set<String> recalled) {
      this.sessions = sessions;
      this.recalled = recalled;
    }

    @Override
    public List<LoggedMessage> range(String sessionId, long afterSeq, long toSeq) {
      asked.add(sessionId + " (" + afterSeq + ", " + toSeq + "]");
      return sessions.getOrDefault(sessionId, List.of()).stream()
          .filter(m -> m.seq() > afterSeq && m.seq() <= toSeq)
          .toList();
    }

    @Override
    public Set<String> recalledAmong(java.util.Collection<String> msgIds) {
      asked.add("recalled " + msgIds);
      return msgIds.stream()
          .filter(recalled::contains)
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void theStoreIsReadOncePerSessionFromItsMarkAndWhatWasRecalledIsWithheld() {
    SessionOrder order = new SessionOrder();
    order.advance(Map.of("g", 4L), NOW);
    List<LoggedMessage> log =
        List.of(row(5, false, NOW - 10), row(6, true, NOW - 10), row(7, false, NOW - 10));
    FakeLog store = new FakeLog(Map.of("g", log), Set.of());

    SessionOrder.Plan plan = order.arrangeFromStore(List.of(copy(6), copy(7)), store, NOW);

    assertEquals(List.of("+5", "7"), sent(plan), "5 caught up, 6 recalled since it was queued");
    assertEquals(1, plan.withheld());
    assertEquals(List.of("g (4, 7]", "recalled []"), store.asked);
  }

  @Test
  void withoutAMarkTheStoreIsReadFromTheFirstCopy() {
    FakeLog store = new FakeLog(Map.of("g", rows(8, 9)), Set.of());

    SessionOrder.Plan plan = new SessionOrder().arrangeFromStore(List.of(copy(9)), store, NOW);

    assertEquals(List.of("9"), sent(plan));
    assertEquals(List.of("g (8, 9]", "recalled []"), store.asked);
  }

  @Test
  void outOfOrderCopiesAreCheckedForRecallsByMsgId() {
    Dispatch resend =
        new Dispatch(
            "{}",
            null,
            List.of("bob"),
            false,
            null,
            null,
            new Dispatch.Stored("x", "MTT-000", "a", "p", null));
    FakeLog store = new FakeLog(Map.of(), Set.of("x"));

    SessionOrder.Plan plan = new SessionOrder().arrangeFromStore(List.of(resend), store, NOW);

    assertEquals(List.of(), plan.steps());
    assertEquals(1, plan.withheld());
    assertEquals(List.of("recalled [x]"), store.asked);
  }

  @Test
  void aPlansDispatchesAreTheQueuedOnesAndTheCatchUpsThatAreStillThere() {
    SessionOrder.Plan plan =
        SessionOrder.arrange(
            List.of(copy(8)), Map.of("g", 5L), Map.of("g", rows(6, 8)), Set.of(), NOW);
    Dispatch six = copy(6);

    // the catch-up of 7 finds it gone (recalled meanwhile)
    List<Dispatch> dispatches = plan.dispatches(id -> id == 106 ? six : null);

    assertEquals(List.of(six, copy(8)), dispatches);
  }
}
