package im.tlim.message;

import im.tlim.envelope.EnvelopeCodec;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.error.Unavailability;
import im.tlim.observability.TlimLogger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The batch rule of accepting envelopes. Envelopes are accepted in one transaction per batch: the
 * envelopes that queued up together, or a single envelope as a batch of one. Inside it, an envelope
 * refused by a check that writes nothing gets its code and the others go on. When the transaction
 * is undone instead, the batch's size and the failure decide what each envelope is answered (see
 * {@link #after}); a batch of several is accepted again one envelope at a time, so each gets the
 * answer it would have had alone. Every outcome this returns is final: an {@code ok} is durable.
 */
public final class BatchFallback {

  private static final TlimLogger LOG = TlimLogger.of(BatchFallback.class);

  /** What follows when a batch's transaction was undone. */
  public enum Step {
    /** Each envelope again, in a transaction of its own. */
    ONE_AT_A_TIME,
    /** The envelope's own refusal, by a bean that marked the transaction: answered its code. */
    REFUSE,
    /**
     * A concurrent copy won the msg_id constraint: answered as a resend (ok for the sender's own,
     * error-011 for another's), looked up in a transaction of its own.
     */
    ANSWER_AS_RESEND,
    /** The store failed, or a fault of ours: answered error-025, and the client resends later. */
    ANSWER_INTERNAL
  }

  private BatchFallback() {}

  /**
   * Whether each message row is written as it is stored. Alone it is, so that a concurrent resend
   * fails with its own envelope's {@link DuplicateEnvelopeException}; in a batch the rows are
   * written at commit (one round trip for all), and a failed commit undoes the batch.
   */
  public static boolean writesRowsAtOnce(int batchSize) {
    return batchSize == 1;
  }

  /**
   * Whether the batch goes on after an envelope was refused: yes, unless the refusal marked the
   * transaction for rollback (it came from another bean, a receipt naming an unknown message say),
   * which undoes the whole batch.
   */
  public static boolean goesOnAfterRefusal(boolean rollbackOnly) {
    return !rollbackOnly;
  }

  /** What follows when the transaction of a batch of {@code batchSize} failed with {@code e}. */
  public static Step after(int batchSize, RuntimeException e) {
    if (batchSize > 1) {
      return Step.ONE_AT_A_TIME;
    }
    if (e instanceof DuplicateEnvelopeException) {
      return Step.ANSWER_AS_RESEND;
    }
    if (e instanceof TlimException) {
      return Step.REFUSE;
    }
    return Step.ANSWER_INTERNAL;
  }

  /**
   * Accepts a batch by this rule.
   *
   * @param inOneTransaction accepts envelopes in one transaction that has committed when it returns
   *     (one outcome each, in order), or throws when it was undone
   * @param asResend answers an envelope whose msg_id is stored, in a transaction of its own
   * @return one outcome per submission, in order
   */
  public static List<Outcome> accept(
      List<Submission> batch,
      Function<List<Submission>, List<Outcome>> inOneTransaction,
      Function<Submission, Outcome> asResend) {
    if (batch.isEmpty()) {
      return List.of();
    }
    try {
      return inOneTransaction.apply(batch);
    } catch (RuntimeException e) {
      return switch (after(batch.size(), e)) {
        case ONE_AT_A_TIME -> oneAtATime(batch, e, inOneTransaction, asResend);
        case REFUSE -> {
          LOG.envelopeRefused(batch.get(0).sender().userId(), e.getMessage());
          yield List.of(Outcome.refused((TlimException) e));
        }
        case ANSWER_AS_RESEND ->
            List.of(resent(batch.get(0), ((DuplicateEnvelopeException) e).msgId(), asResend));
        case ANSWER_INTERNAL -> List.of(internal(batch.get(0), e));
      };
    }
  }

  private static List<Outcome> oneAtATime(
      List<Submission> batch,
      RuntimeException e,
      Function<List<Submission>, List<Outcome>> inOneTransaction,
      Function<Submission, Outcome> asResend) {
    LOG.batchSplit(batch.size(), e.toString());
    List<Outcome> outcomes = new ArrayList<>(batch.size());
    for (Submission submission : batch) {
      outcomes.addAll(accept(List.of(submission), inOneTransaction, asResend));
    }
    return outcomes;
  }

  private static Outcome resent(
      Submission submission, String msgId, Function<Submission, Outcome> asResend) {
    try {
      return asResend.apply(submission);
    } catch (RuntimeException e) {
      // unknown whose it is: the client resends later
      Unavailability.report(BatchFallback.class, "could not look up a resent envelope", e);
      return new Outcome(msgId, ErrorCode.INTERNAL);
    }
  }

  private static Outcome internal(Submission submission, RuntimeException e) {
    if (Unavailability.isCause(e)) {
      Unavailability.report(BatchFallback.class, "could not accept envelopes", e);
    } else {
      LOG.envelopeNotAccepted(submission.sender().userId(), e);
    }
    return new Outcome(EnvelopeCodec.msgIdOf(submission.text()), ErrorCode.INTERNAL);
  }
}
