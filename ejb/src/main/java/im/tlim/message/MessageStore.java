package im.tlim.message;

import im.tlim.delivery.DeliveryQueue;
import im.tlim.delivery.Dispatch;
import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.ServerEnvelopes;
import im.tlim.offline.InboxEntry;
import im.tlim.session.ChatSession;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores one message in a locked session and queues its delivery, inside the caller's transaction:
 * the row, one offline entry per recipient, and one dispatch commit together.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class MessageStore {

  /** When this server's JVM started, in epoch ms (the clock {@code stored_at} is in). */
  private static final long SERVER_STARTED =
      java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

  @PersistenceContext private EntityManager em;
  @Inject private DeliveryQueue deliveries;

  /** Whether an envelope with this msg_id was stored before. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean isStored(String msgId) {
    return findByMsgId(msgId) != null;
  }

  /** The stored message with this msg_id, or null. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ChatMessage findByMsgId(String msgId) {
    List<ChatMessage> found =
        em.createNamedQuery(ChatMessage.BY_MSG_ID, ChatMessage.class)
            .setParameter("msgId", msgId)
            .setMaxResults(1)
            .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }

  /**
   * Which of these msg_ids are stored already, and by whom (msg_id → msg_from): one look-up for a
   * whole batch of envelopes.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, String> storedAmong(Collection<String> msgIds) {
    if (msgIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> senders = new HashMap<>();
    for (Object[] row :
        em.createNamedQuery(ChatMessage.STORED_MSG_IDS, Object[].class)
            .setParameter("msgIds", msgIds)
            .getResultList()) {
      senders.put((String) row[0], (String) row[1]);
    }
    return senders;
  }

  /**
   * Stores the envelope as the next message of {@code session} (which the caller has locked) and
   * queues a copy for every recipient's online devices and the sender's other devices. The row is
   * written now, so a concurrent resend fails here.
   *
   * @throws DuplicateEnvelopeException when the msg_id is already stored
   */
  public ChatMessage store(Envelope envelope, ChatSession session, Copies copies) {
    return store(envelope, session, copies, false);
  }

  /**
   * {@link #store(Envelope, ChatSession, Copies)} for a caller that has looked the msg_id up in
   * this transaction ({@link #storedAmong}): the row is written with the rest of the transaction,
   * and a concurrent resend fails the commit instead of this call.
   */
  public ChatMessage storeAtCommit(Envelope envelope, ChatSession session, Copies copies) {
    return store(envelope, session, copies, true);
  }

  private ChatMessage store(
      Envelope envelope, ChatSession session, Copies copies, boolean resendsLookedUp) {
    ChatMessage message =
        ChatMessage.of(
            envelope, session.getSessionId(), session.nextSeq(), System.currentTimeMillis());
    em.persist(message);
    if (!resendsLookedUp) {
      flushOrRefuseResend(envelope);
    }
    if (envelope.msgType().carriesFile()) {
      // the relation downloads are checked against (FileRepository.sentTo)
      em.persist(new MessageFile(envelope.firstBodyElement().path("file_id").asText(), message));
    }
    for (String recipient : copies.recipients()) {
      em.persist(new InboxEntry(recipient, message.getId()));
    }
    Dispatch dispatch =
        new Dispatch(
            EnvelopeCodec.write(envelope),
            copies.location(),
            copies.recipients(),
            copies.addressEach(),
            null,
            null,
            new Dispatch.Stored(
                envelope.msgId(),
                envelope.msgType().code(),
                envelope.msgFrom(),
                session.getSessionId(),
                message.getSeq()));
    // the server's own messages have no sender devices to keep in step ("system" is no account)
    if (!ServerEnvelopes.SERVER_SENDER.equals(envelope.msgFrom())) {
      dispatch = dispatch.echoingTo(envelope.msgFrom(), copies.senderResource());
    }
    deliveries.enqueue(dispatch, session.getSessionId());
    return message;
  }

  /**
   * Stores an envelope meant for one user that is not part of the conversation (a receipt for the
   * original sender, a clearing request or its answer for the peer) as a notice of {@code
   * sessionId}: it waits in {@code recipient}'s offline store, like any envelope, until a mobile
   * device acknowledges it or getOffline clears it, and is queued for the recipient's online
   * devices and the sender's other devices. It takes no seq of the session (see {@link
   * ChatMessage}) and wakes no phone: a push is for a message.
   *
   * @param envelope addressed to {@code recipient} already
   * @param senderResource the resource that sent it, which gets no echo
   */
  public ChatMessage storeNotice(
      Envelope envelope,
      String sessionId,
      String recipient,
      String location,
      String senderResource) {
    ChatMessage notice = ChatMessage.of(envelope, sessionId, 0, System.currentTimeMillis());
    em.persist(notice);
    notice.numberAsNotice();
    em.persist(new InboxEntry(recipient, notice.getId()));
    deliveries.enqueue(
        Dispatch.to(List.of(recipient), EnvelopeCodec.write(envelope), location)
            .echoingTo(envelope.msgFrom(), senderResource),
        sessionId);
    return notice;
  }

  /**
   * Queues a stored message's copies again, for the recipients still holding it in their offline
   * store, when its sender resends it. A resend means the sender never heard the answer; a crash
   * after the database committed the message and before the broker committed its dispatch is one
   * cause, and then this is how its live copies are not lost (devices drop a copy they have by
   * msg_id). Only a resend with the stored content, from the stored sender, counts, and only for a
   * message stored before this server started: while it runs, a dispatch whose database part
   * committed is committed by the transaction manager too, and the resends a client sends while
   * waiting for an answer would otherwise each deliver the message again. (With several nodes, a
   * resend that reaches a node that did not crash is not queued again; the message waits in the
   * offline store.)
   */
  public void redispatch(Envelope resent, String location, String senderResource) {
    ChatMessage stored = findByMsgId(resent.msgId());
    if (stored == null
        || stored.getStoredAt() >= SERVER_STARTED
        || stored.isRecalled()
        || !stored.getMsgFrom().equals(resent.msgFrom())
        || !stored.getMsgType().equals(resent.msgType().code())
        || !stored.getBody().equals(EnvelopeCodec.toJson(resent.body()))) {
      return;
    }
    List<String> waiting =
        em.createNamedQuery(InboxEntry.HOLDERS, String.class)
            .setParameter("messageId", stored.getId())
            .getResultList();
    if (waiting.isEmpty()) {
      return;
    }
    boolean group = resent.msgType().route() == im.tlim.envelope.MsgType.Route.GROUP;
    Dispatch dispatch =
        new Dispatch(
                EnvelopeCodec.write(resent),
                location,
                waiting,
                group,
                null,
                null,
                // out of the session's order: the session has moved on since
                new Dispatch.Stored(
                    resent.msgId(),
                    resent.msgType().code(),
                    resent.msgFrom(),
                    stored.getSessionId(),
                    null))
            .echoingTo(resent.msgFrom(), senderResource);
    deliveries.enqueue(dispatch, stored.getSessionId());
  }

  /** Writes the row now, so a resend's unique-constraint violation surfaces here, not at commit. */
  private void flushOrRefuseResend(Envelope envelope) {
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        throw new DuplicateEnvelopeException(envelope.msgId());
      }
      throw e;
    }
  }

  /** SQLState 23505 is unique_violation in PostgreSQL and in H2. */
  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Deletes a pair's stored history and its offline copies, for both users; the pair is locked. */
  public void clearPairHistory(ChatSession pair) {
    em.createNamedQuery(ChatMessage.DELETE_INBOX_OF_SESSION)
        .setParameter("sessionId", pair.getSessionId())
        .executeUpdate();
    em.createNamedQuery(MessageFile.DELETE_OF_SESSION)
        .setParameter("sessionId", pair.getSessionId())
        .executeUpdate();
    em.createNamedQuery(ChatMessage.DELETE_OF_SESSION)
        .setParameter("sessionId", pair.getSessionId())
        .executeUpdate();
    pair.historyCleared();
  }
}
