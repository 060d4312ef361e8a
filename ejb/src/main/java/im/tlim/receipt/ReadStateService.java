package im.tlim.receipt;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.ChatMessage;
import im.tlim.message.MessageStore;
import im.tlim.session.ChatSession;
import im.tlim.session.Member;
import im.tlim.session.PairKey;
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

  /**
   * One member's read state of one message (findMsgStatusList).
   *
   * @param sessionId the message's session as the asker names it: a group's id, or for a 1:1 chat
   *     the peer's user id
   */
  public record MemberStatus(ChatMessage message, String memberId, int status, String sessionId) {}

  /** updateMsgStatus: everything in the session up to now is read by {@code userId} (on web). */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void markAllRead(String sessionId, String userId) {
    ChatSession session = sessions.find(sessionId);
    Member.requireCurrentOrFormer(sessions.membership(sessionId, userId), sessionId, userId)
        .markRead(session.getLastSeq(), Member.READ_WEB);
  }

  /** findChatReadMsg: {@link #readCounts} of the 1:1 chat of {@code userId} and {@code peerId}. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<ReadCount> chatReadCounts(String userId, String peerId) {
    return readCounts(ChatSession.pairKey(userId, peerId));
  }

  /** findReadMsg: readers of each of the session's latest messages. */
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
          members.stream().filter(mb -> !mb.getUserId().equals(from) && mb.hasRead(seq)).count();
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
      Member.requireCurrent(
          sessions.membership(message.getSessionId(), actingUser),
          message.getSessionId(),
          actingUser);
    }
    // a 1:1 chat is named by the peer as the asker sees it (a trusted caller: the sender)
    String shown =
        PairKey.parse(message.getSessionId())
            .map(pair -> actingUser == null ? message.getMsgFrom() : pair.peerOf(actingUser))
            .orElse(message.getSessionId());
    List<MemberStatus> list = new ArrayList<>();
    for (Member member : sessions.activeMembers(message.getSessionId())) {
      if (!member.getUserId().equals(message.getMsgFrom())) {
        list.add(
            new MemberStatus(
                message, member.getUserId(), member.readStatusOf(message.getSeq()), shown));
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
