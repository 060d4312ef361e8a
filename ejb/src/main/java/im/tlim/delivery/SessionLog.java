package im.tlim.delivery;

import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.MsgType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What delivery reads from the message store when copies go out: the state of a session's messages
 * in a range of seq, and a stored message as a dispatch of its own (a catch-up). Queries as text,
 * no class of the message package, so delivery does not depend on the package that queues into it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SessionLog {

  @PersistenceContext private EntityManager em;

  /** The session's stored messages with {@code afterSeq < seq <= toSeq}, in seq order. */
  public List<LoggedMessage> range(String sessionId, long afterSeq, long toSeq) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, seq, recalled, stored_at from tlim_message"
                    + " where session_id = ? and seq > ? and seq <= ? order by seq")
            .setParameter(1, sessionId)
            .setParameter(2, afterSeq)
            .setParameter(3, toSeq)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new LoggedMessage(
                    number(r[0]), number(r[1]), Boolean.TRUE.equals(r[2]), number(r[3])))
        .toList();
  }

  /** Which of these msg_ids name recalled messages. */
  public Set<String> recalledAmong(Collection<String> msgIds) {
    if (msgIds.isEmpty()) {
      return Set.of();
    }
    @SuppressWarnings("unchecked")
    List<String> found =
        em.createQuery(
                "select m.msgId from ChatMessage m where m.recalled = true and m.msgId in :msgIds")
            .setParameter("msgIds", msgIds)
            .getResultList();
    return new HashSet<>(found);
  }

  /**
   * A stored message as a dispatch to the users it still waits for (its offline holders) and to all
   * of its sender's devices (a user's, not the server's), as its own dispatch would have been; null
   * when it is gone.
   */
  public Dispatch catchUp(long messageId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select msg_id, msg_type, msg_from, msg_to, msg_time, body, session_id, seq, recalled"
                    + " from tlim_message where id = ?")
            .setParameter(1, messageId)
            .getResultList();
    if (rows.isEmpty() || Boolean.TRUE.equals(rows.get(0)[8])) {
      return null;
    }
    Object[] row = rows.get(0);
    MsgType type = MsgType.fromCode((String) row[1]).orElse(null);
    if (type == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    List<String> holders =
        em.createNativeQuery("select user_id from tlim_inbox where message_id = ?")
            .setParameter(1, messageId)
            .getResultList();
    Envelope envelope =
        Envelope.of(
            (String) row[2],
            (String) row[3],
            (String) row[0],
            type,
            number(row[4]),
            EnvelopeCodec.parseStoredBody((String) row[5]));
    Dispatch dispatch =
        new Dispatch(
            EnvelopeCodec.write(envelope),
            null,
            holders,
            type.addressedToEachMember(),
            null,
            null,
            new Dispatch.Stored(
                envelope.msgId(),
                type.code(),
                envelope.msgFrom(),
                (String) row[6],
                number(row[7])));
    // the server's own messages have no sender devices to keep in step
    return im.tlim.envelope.ServerEnvelopes.SERVER_SENDER.equals(envelope.msgFrom())
        ? dispatch
        : dispatch.echoingTo(envelope.msgFrom(), null);
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
