package im.tlim.offline;

import im.tlim.envelope.MsgType;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.ChatMessage;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/** Reads the offline store (getOffline) and a user's messages after a point (syncMessage). */
@Stateless
public class OfflineService {

  @PersistenceContext private EntityManager em;

  /** A message as one user receives it: msg_to is that user for group copies. */
  public record Copy(ChatMessage message, String msgTo, int recv) {}

  /** One page of copies in order, and whether more follow it. */
  public record Page(List<Copy> copies, boolean hasMore) {}

  /**
   * The user's waiting copies, oldest first. With {@code clear}, exactly the returned entries are
   * removed in the same transaction: a message that arrives meanwhile stays for the next call.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Page offline(String userId, int max, boolean clear) {
    List<Object[]> rows =
        em.createQuery(
                "select i, m from InboxEntry i, ChatMessage m"
                    + " where i.userId = :userId and m.id = i.messageId order by m.id",
                Object[].class)
            .setParameter("userId", userId)
            .setMaxResults(max + 1)
            .getResultList();
    boolean hasMore = rows.size() > max;
    List<Copy> copies = new ArrayList<>();
    for (Object[] row : rows.subList(0, Math.min(max, rows.size()))) {
      InboxEntry entry = (InboxEntry) row[0];
      ChatMessage message = (ChatMessage) row[1];
      copies.add(new Copy(message, addressedTo(message, userId), entry.isWebGot() ? 1 : 0));
      if (clear) {
        em.remove(entry);
      }
    }
    return new Page(copies, hasMore);
  }

  /**
   * Everything in the user's sessions stored after the message {@code afterMsgId} (from the
   * start when null), oldest first.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Page after(String userId, String afterMsgId, int max) {
    long after = 0;
    if (afterMsgId != null && !afterMsgId.isBlank()) {
      List<Long> anchor =
          em.createQuery("select m.id from ChatMessage m where m.msgId = :msgId", Long.class)
              .setParameter("msgId", afterMsgId)
              .getResultList();
      if (anchor.isEmpty()) {
        throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no message " + afterMsgId);
      }
      after = anchor.get(0);
    }
    List<ChatMessage> messages =
        em.createQuery(
                "select m from ChatMessage m, Member mb where mb.userId = :userId"
                    + " and mb.sessionId = m.sessionId and m.id > :after"
                    // a notice (negative seq) is one user's: a receipt for the original sender
                    + " and (m.seq > 0 or m.msgTo = :userId) order by m.id",
                ChatMessage.class)
            .setParameter("userId", userId)
            .setParameter("after", after)
            .setMaxResults(max + 1)
            .getResultList();
    boolean hasMore = messages.size() > max;
    List<Copy> copies = new ArrayList<>();
    for (ChatMessage m : messages.subList(0, Math.min(max, messages.size()))) {
      copies.add(new Copy(m, addressedTo(m, userId), 0));
    }
    return new Page(copies, hasMore);
  }

  private static String addressedTo(ChatMessage message, String userId) {
    boolean group =
        MsgType.fromCode(message.getMsgType()).map(MsgType::addressedToEachMember).orElse(false);
    return group ? userId : message.getMsgTo();
  }
}
