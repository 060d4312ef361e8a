package im.tlim.receipt;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.ChatMessage;
import im.tlim.message.MessageStore;
import im.tlim.session.ChatSession;
import im.tlim.session.Member;
import im.tlim.session.SessionRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Read state as the HTTP API reports it, computed from the members' read cursors: a message is read
 * by a member when their cursor has reached its sequence number.
 */
@Stateless
public class ReadStateService {

  /** How many of a session's latest messages findReadMsg reports on. */
  static final int READ_COUNT_WINDOW = 1000;

  @PersistenceContext private EntityManager em;
  @EJB private SessionRepository sessions;
  @EJB private MessageStore store;

  public record ReadCount(String msgId, long readers) {}

  /** One member's read state of one message (findMsgStatusList). */
  public record MemberStatus(ChatMessage message, String memberId, int status) {}

  /** updateMsgStatus: everything in the session up to now is read by {@code userId} (on web). */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void markAllRead(String sessionId, String userId) {
    ChatSession session = sessions.find(sessionId);
    Member member = sessions.membership(sessionId, userId);
    if (member == null) {
      throw new TlimException(ErrorCode.NOT_MEMBER, userId + " is not a member of " + sessionId);
    }
    member.markRead(session.getLastSeq(), Member.READ_WEB);
  }

  /** findReadMsg / findChatReadMsg: readers of each of the session's latest messages. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<ReadCount> readCounts(String sessionId) {
    sessions.find(sessionId);
    List<Object[]> messages =
        em.createQuery(
                "select m.msgId, m.seq, m.msgFrom from ChatMessage m where m.sessionId = :s and m.seq > 0"
                    + " order by m.seq desc",
                Object[].class)
            .setParameter("s", sessionId)
            .setMaxResults(READ_COUNT_WINDOW)
            .getResultList();
    List<Member> members = sessions.activeMembers(sessionId);
    List<ReadCount> counts = new ArrayList<>();
    for (Object[] m : messages) {
      long seq = (Long) m[1];
      String from = (String) m[2];
      long readers =
          members.stream()
              .filter(mb -> !mb.getUserId().equals(from) && mb.getReadSeq() >= seq)
              .count();
      counts.add(new ReadCount((String) m[0], readers));
    }
    return counts;
  }

  /**
   * findMsgStatusList: each other member's read status of one message.
   *
   * @param actingUser who asks, who must be a current member of the message's session; null for a
   *     trusted server-side caller
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<MemberStatus> statusList(String msgId, String actingUser) {
    ChatMessage message = store.findByMsgId(msgId);
    if (message == null) {
      throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no message " + msgId);
    }
    if (actingUser != null) {
      Member asker = sessions.membership(message.getSessionId(), actingUser);
      if (asker == null || !asker.isActive()) {
        throw new TlimException(
            ErrorCode.NOT_MEMBER, actingUser + " is not a member of " + message.getSessionId());
      }
    }
    List<MemberStatus> list = new ArrayList<>();
    for (Member member : sessions.activeMembers(message.getSessionId())) {
      if (!member.getUserId().equals(message.getMsgFrom())) {
        int status =
            member.getReadSeq() >= message.getSeq() ? member.getReadStatus() : Member.UNREAD;
        list.add(new MemberStatus(message, member.getUserId(), status));
      }
    }
    return list;
  }

  /**
   * hasUnread: whether any session of the user holds a message from someone else past their cursor.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean hasUnread(String userId) {
    return !em.createQuery(
            "select m.id from Member mb, ChatMessage m where mb.userId = :u and mb.leftAt is null"
                + " and m.sessionId = mb.sessionId and m.seq > mb.readSeq and m.msgFrom <> :u",
            Long.class)
        .setParameter("u", userId)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
