package im.tlim.message;

import im.tlim.delivery.Delivery;
import im.tlim.delivery.DeliveryQueue;
import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.settings.Settings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.List;

/**
 * Accepts envelopes from clients and reads history. Accepting is one transaction: the message
 * row and the JMS delivery commit together, so an envelope answered {@code ok} is delivered even
 * if the server stops right after.
 */
@Stateless
public class MessageService {

  @PersistenceContext private EntityManager em;
  @Inject private DeliveryQueue deliveries;
  @Inject private Settings settings;

  /**
   * Validates, stores and queues delivery of one envelope.
   *
   * @return the accepted msg_id, flagged when it was a resend
   * @throws TlimException the code to answer the sender with; nothing was stored or sent
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Accepted accept(Sender sender, String text) {
    Envelope envelope = EnvelopeCodec.read(text, settings.maxEnvelopeBytes());
    if (!envelope.msgFrom().equals(sender.userId())) {
      throw new TlimException(
          ErrorCode.SENDER_SPOOFED, "msg_from is not the sender", envelope.msgId());
    }
    return switch (envelope.msgType().route()) {
      case DIRECT -> acceptDirect(sender, envelope);
      case SERVER_ONLY, HTTP_ONLY ->
          throw new TlimException(
              ErrorCode.SERVER_GENERATED,
              envelope.msgType().code() + " is not sent by clients",
              envelope.msgId());
      default ->
          throw new TlimException(
              ErrorCode.MSG_TYPE_INVALID,
              envelope.msgType().code() + " is not handled by this server yet",
              envelope.msgId());
    };
  }

  private Accepted acceptDirect(Sender sender, Envelope envelope) {
    if (envelope.msgTo().isBlank()) {
      throw new TlimException(ErrorCode.FIELD_INVALID, "msg_to is missing", envelope.msgId());
    }
    if (isStored(envelope.msgId())) {
      return new Accepted(envelope.msgId(), true);
    }
    ChatMessage message = ChatMessage.direct(envelope, System.currentTimeMillis());
    em.persist(message);
    try {
      // surface a concurrent resend's unique-constraint violation here, not at commit
      em.flush();
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        throw new DuplicateEnvelopeException(envelope.msgId());
      }
      throw e;
    }
    String json = EnvelopeCodec.write(envelope);
    deliveries.enqueue(new Delivery(envelope.msgTo(), null, sender.location(), json));
    if (sender.resource() != null) {
      // the sender's other devices see what it sent
      deliveries.enqueue(new Delivery(sender.userId(), null, sender.location(), json));
    }
    return new Accepted(envelope.msgId(), false);
  }

  private boolean isStored(String msgId) {
    return !em.createNamedQuery(ChatMessage.BY_MSG_ID, ChatMessage.class)
        .setParameter("msgId", msgId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /**
   * A page of the 1:1 history between {@code userId} and {@code peerId}, newest first.
   *
   * @param start how many of the newest messages to skip
   * @param length the page size; capped by the configured maximum
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public HistoryPage chatHistory(String userId, String peerId, int start, int length) {
    String conversation = Conversations.pair(userId, peerId);
    int size = Math.min(length, settings.maxHistoryPage());
    List<ChatMessage> page =
        em.createNamedQuery(ChatMessage.HISTORY, ChatMessage.class)
            .setParameter("conversation", conversation)
            .setFirstResult(start)
            .setMaxResults(size)
            .getResultList();
    long total =
        em.createNamedQuery(ChatMessage.COUNT, Long.class)
            .setParameter("conversation", conversation)
            .getSingleResult();
    return new HistoryPage(total, page);
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
}
