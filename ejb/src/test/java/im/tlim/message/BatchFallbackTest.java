package im.tlim.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.BatchFallback.Step;
import im.tlim.presence.DeviceClass;
import jakarta.ejb.EJBTransactionRolledbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatchFallbackTest {

  private static final Sender ALICE = new Sender("alice", "phone", DeviceClass.MOBILE, null);

  private static Submission envelope(String msgId) {
    return new Submission(ALICE, "{\"msg_id\":\"" + msgId + "\",\"msg_type\":\"MTT-000\"}");
  }

  private static String msgIdOf(Submission s) {
    return s.text().substring(11, s.text().indexOf('"', 11));
  }

  /** A fake transaction: records each attempt, and fails as told. */
  private static final class Transactions implements Function<List<Submission>, List<Outcome>> {
    final List<List<String>> attempts = new ArrayList<>();
    final Function<List<Submission>, RuntimeException> failure;

    Transactions(Function<List<Submission>, RuntimeException> failure) {
      this.failure = failure;
    }

    @Override
    public List<Outcome> apply(List<Submission> batch) {
      attempts.add(batch.stream().map(BatchFallbackTest::msgIdOf).toList());
      RuntimeException e = failure.apply(batch);
      if (e != null) {
        throw e;
      }
      return batch.stream().map(s -> Outcome.ok(msgIdOf(s))).toList();
    }
  }

  private static final Function<Submission, Outcome> NO_RESENDS =
      s -> {
        throw new AssertionError("no resend expected");
      };

  @Test
  void aBatchThatCommitsIsAnsweredAsItsTransactionSaid() {
    Transactions tx = new Transactions(b -> null);
    List<Outcome> outcomes =
        BatchFallback.accept(List.of(envelope("a"), envelope("b")), tx, NO_RESENDS);
    assertEquals(List.of(Outcome.ok("a"), Outcome.ok("b")), outcomes);
    assertEquals(List.of(List.of("a", "b")), tx.attempts);
  }

  @Test
  void nothingToAcceptStartsNoTransaction() {
    Transactions tx = new Transactions(b -> null);
    assertEquals(List.of(), BatchFallback.accept(List.of(), tx, NO_RESENDS));
    assertEquals(List.of(), tx.attempts);
  }

  @Test
  void anUndoneBatchIsAcceptedOneAtATimeEachGettingItsOwnAnswer() {
    // b is refused by a bean that marks the transaction: the batch of three is undone
    Transactions tx =
        new Transactions(
            batch ->
                batch.stream().anyMatch(s -> msgIdOf(s).equals("b"))
                    ? new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no such message", "b")
                    : null);
    List<Outcome> outcomes =
        BatchFallback.accept(List.of(envelope("a"), envelope("b"), envelope("c")), tx, NO_RESENDS);
    assertEquals(
        List.of(Outcome.ok("a"), new Outcome("b", ErrorCode.MESSAGE_UNKNOWN), Outcome.ok("c")),
        outcomes);
    assertEquals(
        List.of(List.of("a", "b", "c"), List.of("a"), List.of("b"), List.of("c")), tx.attempts);
  }

  @Test
  void aResendThatLostTheRaceAloneIsAnsweredAsAResend() {
    Transactions tx = new Transactions(b -> new DuplicateEnvelopeException(msgIdOf(b.get(0))));
    List<Submission> asked = new ArrayList<>();
    List<Outcome> outcomes =
        BatchFallback.accept(
            List.of(envelope("a")),
            tx,
            s -> {
              asked.add(s);
              return Outcome.ok(msgIdOf(s));
            });
    assertEquals(List.of(Outcome.ok("a")), outcomes);
    assertEquals(List.of(envelope("a")), asked);
    assertEquals(1, tx.attempts.size());
  }

  @Test
  void aResendWhoseLookUpFailsIsAnsweredInternal() {
    Transactions tx = new Transactions(b -> new DuplicateEnvelopeException("a"));
    List<Outcome> outcomes =
        BatchFallback.accept(
            List.of(envelope("a")),
            tx,
            s -> {
              throw new EJBTransactionRolledbackException("database gone");
            });
    assertEquals(List.of(new Outcome("a", ErrorCode.INTERNAL)), outcomes);
  }

  @Test
  void aStoreThatFailsAnEnvelopeAloneIsAnsweredInternalWithItsMsgId() {
    Transactions tx = new Transactions(b -> new EJBTransactionRolledbackException("deadlock"));
    List<Outcome> outcomes =
        BatchFallback.accept(List.of(envelope("a"), envelope("b")), tx, NO_RESENDS);
    assertEquals(
        List.of(new Outcome("a", ErrorCode.INTERNAL), new Outcome("b", ErrorCode.INTERNAL)),
        outcomes);
    assertEquals(List.of(List.of("a", "b"), List.of("a"), List.of("b")), tx.attempts);
  }

  @Test
  void aBatchOfSeveralGoesBackToOneAtATimeWhateverUndidIt() {
    for (RuntimeException e :
        List.of(
            new TlimException(ErrorCode.MESSAGE_UNKNOWN, "x"),
            new DuplicateEnvelopeException("a"),
            new EJBTransactionRolledbackException("commit failed"),
            new IllegalStateException("a fault of ours"))) {
      assertEquals(Step.ONE_AT_A_TIME, BatchFallback.after(2, e), e.toString());
      assertEquals(Step.ONE_AT_A_TIME, BatchFallback.after(64, e), e.toString());
    }
  }

  @Test
  void anEnvelopeAloneIsAnsweredByWhatUndidIt() {
    assertEquals(
        Step.REFUSE, BatchFallback.after(1, new TlimException(ErrorCode.MESSAGE_UNKNOWN, "x")));
    assertEquals(
        Step.ANSWER_AS_RESEND, BatchFallback.after(1, new DuplicateEnvelopeException("a")));
    assertEquals(
        Step.ANSWER_INTERNAL,
        BatchFallback.after(1, new EJBTransactionRolledbackException("commit failed")));
    assertEquals(Step.ANSWER_INTERNAL, BatchFallback.after(1, new IllegalStateException("bug")));
  }

  @Test
  void onlyAnEnvelopeAloneWritesItsRowsAtOnce() {
    assertTrue(BatchFallback.writesRowsAtOnce(1));
    assertFalse(BatchFallback.writesRowsAtOnce(2));
    assertFalse(BatchFallback.writesRowsAtOnce(64));
  }

  @Test
  void aRefusalThatMarkedTheTransactionEndsTheBatch() {
    assertTrue(BatchFallback.goesOnAfterRefusal(false));
    assertFalse(BatchFallback.goesOnAfterRefusal(true));
  }
}
