package im.tlim.message;

import im.tlim.delivery.DeliveryQueue;
import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.MsgType;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.file.FileService;
import im.tlim.recall.RecallService;
import im.tlim.receipt.ReceiptService;
import im.tlim.session.ChatSession;
import im.tlim.session.Member;
import im.tlim.session.SessionRepository;
import im.tlim.settings.Settings;
import im.tlim.user.Contacts;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accepts envelopes from clients (history is read by {@link HistoryService}). Accepting is one
 * transaction per batch (a single envelope is a batch of one): the message rows, their offline
 * entries and their dispatches commit together, so an envelope answered {@code ok} is delivered
 * even if the server stops right after.
 */
@Stateless
public class MessageService {

  @EJB private MessageStore store;
  @EJB private SessionRepository sessions;
  @EJB private ReceiptService receipts;
  @EJB private RecallService recalls;
  @EJB private FileService files;
  @Inject private DeliveryQueue deliveries;
  @Inject private Settings settings;
  @Inject private Contacts contacts;
  @Resource private TransactionSynchronizationRegistry transactions;
  // through the container, so that each batch and each retry is a transaction of its own
  @EJB private MessageService self;

  /**
   * Accepts envelopes, one or several that queued up together (several senders', each sender's in
   * order): validates each and does what its type asks (stores and delivers a message, records a
   * receipt, recalls, or forwards a clearing request). They are accepted in one transaction, and
   * again one at a time when that is undone, by the rule of {@link BatchFallback}.
   *
   * @return one outcome per submission, in order; when this returns, each {@code ok} is durable
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<Outcome> accept(List<Submission> submissions) {
    return BatchFallback.accept(submissions, self::acceptTogether, self::resent);
  }

  /**
   * Accepts envelopes in one transaction (for {@link #accept}, through the container): under load
   * they share one commit, one look-up for resends and one JMS message per session. An envelope
   * refused by a check that writes nothing gets its code and the others go on.
   *
   * @return one outcome per submission, in order, once this transaction has committed
   * @throws RuntimeException when an envelope was refused by another bean (a receipt or recall
   *     naming an unknown message, say: the container then marks the transaction for rollback) or
   *     the commit failed (a resend racing its original, a deadlock): nothing is accepted
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<Outcome> acceptTogether(List<Submission> submissions) {
    deliveries.hold();
    Envelope[] envelopes = new Envelope[submissions.size()];
    Outcome[] outcomes = new Outcome[submissions.size()];
    Set<String> storing = new HashSet<>();
    for (int i = 0; i < envelopes.length; i++) {
      try {
        envelopes[i] = EnvelopeCodec.read(submissions.get(i).text(), settings.maxEnvelopeBytes());
        if (envelopes[i].msgType().stores()) {
          storing.add(envelopes[i].msgId());
        }
      } catch (TlimException e) {
        outcomes[i] = Outcome.refused(e);
      }
    }
    Map<String, String> storedBy = store.storedAmong(storing);
    Batch batch = new Batch(BatchFallback.writesRowsAtOnce(submissions.size()));
    lockInOrder(submissions, envelopes, batch);
    for (int i = 0; i < envelopes.length; i++) {
      Envelope envelope = envelopes[i];
      if (envelope == null) {
        continue;
      }
      Sender sender = submissions.get(i).sender();
      // resends are recognised for the sender's own envelopes; a spoofed one is refused below
      boolean ownStored = envelope.msgType().stores() && envelope.msgFrom().equals(sender.userId());
      String copyKey = sender.userId() + '\n' + envelope.msgId();
      if (ownStored) {
        // a second copy in this batch gets the first one's answer, whatever it was
        Outcome earlier = batch.outcomes.get(copyKey);
        if (earlier != null) {
          outcomes[i] = earlier;
          continue;
        }
        // stored before: answered again, not stored again, its copies queued again; a msg_id
        // another sender's message has is refused (answering ok would lose this one)
        String owner = storedBy.get(envelope.msgId());
        if (owner != null) {
          if (owner.equals(sender.userId())) {
            outcomes[i] = Outcome.ok(envelope.msgId());
            store.redispatch(envelope, sender.location(), sender.resource());
          } else {
            outcomes[i] = Outcome.refused(msgIdTaken(envelope.msgId()));
          }
          batch.outcomes.put(copyKey, outcomes[i]);
          continue;
        }
      }
      try {
        outcomes[i] = Outcome.ok(process(sender, envelope, batch).msgId());
      } catch (TlimException e) {
        if (!BatchFallback.goesOnAfterRefusal(transactions.getRollbackOnly())) {
          throw e; // refused by another bean, which undid the transaction
        }
        outcomes[i] = Outcome.refused(e);
      }
      if (ownStored) {
        batch.outcomes.put(copyKey, outcomes[i]);
      }
    }
    deliveries.sendHeld();
    return List.of(outcomes);
  }

  /**
   * Locks the existing sessions the batch's messages go to, in the order of their ids, so that two
   * batches do not deadlock over them. A new pair, a clearing request or a recall locks its session
   * when it comes; should two batches deadlock over those, the database breaks it and both are
   * accepted one at a time. Envelopes that will be refused are skipped here; their checks come when
   * each is processed.
   */
  private void lockInOrder(List<Submission> submissions, Envelope[] envelopes, Batch batch) {
    Set<String> pairs = new TreeSet<>();
    Set<String> groups = new TreeSet<>();
    for (int i = 0; i < envelopes.length; i++) {
      Envelope envelope = envelopes[i];
      String sender = submissions.get(i).sender().userId();
      if (envelope == null || !envelope.msgFrom().equals(sender)) {
        continue;
      }
      if (envelope.msgType().route() == MsgType.Route.DIRECT) {
        String to = envelope.msgTo();
        if (!to.isBlank() && !to.equals(sender) && contacts.isKnown(to)) {
          pairs.add(ChatSession.pairKey(sender, to));
        }
      } else if (envelope.msgType().route() == MsgType.Route.GROUP) {
        String sessionId = envelope.bodyText("session_id");
        if (sessionId != null && !sessionId.isBlank()) {
          groups.add(sessionId);
        }
      }
    }
    // one order over both kinds: they are rows of the same table
    Set<String> all = new TreeSet<>(pairs);
    all.addAll(groups);
    for (String key : all) {
      // existing sessions only: a pair is created (and announced) with its first message
      ChatSession session = sessions.lockIfExists(key);
      if (session == null) {
        continue;
      }
      if (pairs.contains(key)) {
        batch.pairs.put(key, session);
      }
      if (groups.contains(key)) {
        batch.groups.put(key, session);
      }
    }
  }

  /** What one batch transaction has locked and looked up already. */
  private static final class Batch {
    /** Whether rows are flushed as they are stored ({@link BatchFallback#writesRowsAtOnce}). */
    final boolean writesRowsAtOnce;

    /** Each stored type's envelope's outcome, by sender and msg_id. */
    final Map<String, Outcome> outcomes = new HashMap<>();

    final Map<String, ChatSession> pairs = new HashMap<>();
    final Map<String, ChatSession> groups = new HashMap<>();
    final Map<String, List<String>> members = new HashMap<>();

    Batch(boolean writesRowsAtOnce) {
      this.writesRowsAtOnce = writesRowsAtOnce;
    }
  }

  /** Checks an envelope, then does what its type asks, within the batch's transaction. */
  private Accepted process(Sender sender, Envelope envelope, Batch batch) {
    try {
      if (!envelope.msgFrom().equals(sender.userId())) {
        throw new TlimException(ErrorCode.SENDER_SPOOFED, "msg_from is not the sender");
      }
      contacts.requireSender(sender.userId()); // a reserved id or a removed user sends nothing
      if (envelope.msgType().carriesFile()
          && !files.exists(envelope.firstBodyElement().path("file_id").asText())) {
        throw new TlimException(ErrorCode.FILE_UNKNOWN, "file_id names no stored file");
      }
      envelope.msgType().check(envelope, sender.userId());
      return switch (envelope.msgType().route()) {
        case DIRECT -> acceptDirect(sender, envelope, batch);
        case GROUP -> acceptGroup(sender, envelope, batch);
        case RECEIPT -> receipts.receive(sender, envelope);
        case RECALL -> recalls.recall(sender, envelope);
        case CLEAR -> acceptClear(sender, envelope);
        // refused by MsgType.check above
        case SERVER_ONLY, HTTP_ONLY ->
            throw new IllegalStateException(envelope.msgType() + " passed its check");
      };
    } catch (TlimException e) {
      throw e.msgId() == null ? e.forMessage(envelope.msgId()) : e;
    }
  }

  private Accepted acceptDirect(Sender sender, Envelope envelope, Batch batch) {
    String to = envelope.msgTo();
    contacts.requireKnown(to);
    // a new pair is created and announced (MTT-102) in a transaction of its own
    ChatSession pair =
        batch.pairs.computeIfAbsent(
            ChatSession.pairKey(sender.userId(), to),
            k -> sessions.lockPair(sender.userId(), to, true).session());
    // the batch looked every msg_id up at once; a concurrent resend is caught by the msg_id
    // constraint when the row is written
    storeIn(batch, envelope, pair, Copies.asSent(sender, List.of(to)));
    return new Accepted(envelope.msgId(), false);
  }

  private Accepted acceptGroup(Sender sender, Envelope envelope, Batch batch) {
    String sessionId = envelope.bodyText("session_id");
    ChatSession session = batch.groups.get(sessionId);
    if (session == null) {
      // refused here rather than by the repository, so a batch goes on without this envelope
      session = sessions.lockIfExists(sessionId);
      if (session == null) {
        throw new TlimException(ErrorCode.SESSION_UNKNOWN, "no session " + sessionId);
      }
      batch.groups.put(sessionId, session);
    }
    session.requireOpenGroup();
    Member.requireCurrent(
        sessions.membership(sessionId, sender.userId()), sessionId, sender.userId());
    // the session is locked, so its members cannot change during the batch
    List<String> members = batch.members.computeIfAbsent(sessionId, sessions::activeMemberIds);
    List<String> others = members.stream().filter(u -> !u.equals(sender.userId())).toList();
    storeIn(batch, envelope, session, Copies.toEachMember(sender, others));
    return new Accepted(envelope.msgId(), false);
  }

  /** Alone, the row is written now; in a batch, whose msg_ids were looked up, at commit. */
  private void storeIn(Batch batch, Envelope envelope, ChatSession session, Copies copies) {
    if (batch.writesRowsAtOnce) {
      store.store(envelope, session, copies);
    } else {
      store.storeAtCommit(envelope, session, copies);
    }
  }

  /**
   * MTT-200 asks the peer to clear the pair's history; MTT-201 answers it. An answer with status 0
   * to a pending request clears the history for both; either way it is forwarded, stored as a
   * notice for the peer, so a peer who is offline finds it in the offline store.
   */
  private Accepted acceptClear(Sender sender, Envelope envelope) {
    String peer = envelope.msgTo();
    // stored once: a resend is answered again (a second answer would find no request)
    ChatMessage earlier = store.findByMsgId(envelope.msgId());
    if (earlier != null) {
      if (!earlier.getMsgFrom().equals(sender.userId())) {
        throw msgIdTaken(envelope.msgId());
      }
      return new Accepted(envelope.msgId(), true);
    }
    ChatSession pair = sessions.lock(ChatSession.pairKey(sender.userId(), peer));
    if (envelope.msgType() == MsgType.CLEAR_REQUEST) {
      pair.requestClear(sender.userId());
    } else {
      // status 0 agrees, 1 refuses; sent as text or as a number
      boolean agreed = envelope.firstBodyElement().path("status").asText().trim().equals("0");
      if (!pair.answerClear(peer)) {
        throw new TlimException(ErrorCode.NOT_AUTHORISED, "no clearing request from " + peer);
      }
      if (agreed) {
        // the request goes with the history; the answer, stored after, stays for the requester
        store.clearPairHistory(pair);
      }
    }
    store.storeNotice(envelope, pair.getSessionId(), peer, sender.location(), sender.resource());
    return new Accepted(envelope.msgId(), false);
  }

  /**
   * An envelope whose msg_id failed the unique constraint: a resend of the sender's own stored
   * message is answered ok, and its copies are queued again for whoever still waits for it; another
   * sender's msg_id is refused with error-011, since answering ok would lose this one. In a
   * transaction of its own (for {@link #accept}, through the container).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Outcome resent(Submission submission) {
    Sender sender = submission.sender();
    Envelope envelope = EnvelopeCodec.read(submission.text(), settings.maxEnvelopeBytes());
    ChatMessage stored = store.findByMsgId(envelope.msgId());
    if (stored == null || !stored.getMsgFrom().equals(sender.userId())) {
      return Outcome.refused(msgIdTaken(envelope.msgId()));
    }
    store.redispatch(envelope, sender.location(), sender.resource());
    return Outcome.ok(envelope.msgId());
  }

  private static TlimException msgIdTaken(String msgId) {
    return new TlimException(ErrorCode.FIELD_INVALID, "msg_id is another message's")
        .forMessage(msgId);
  }
}
