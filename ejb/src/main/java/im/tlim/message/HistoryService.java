package im.tlim.message;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.session.ChatSession;
import im.tlim.session.Member;
import im.tlim.session.SessionRepository;
import im.tlim.settings.Settings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Reads history pages, newest first, on the (session_id, seq) index, and clears a pair's history
 * (findChatHistory, findSessionHistory, clearChatHistory).
 */
@Stateless
public class HistoryService {

  @PersistenceContext private EntityManager em;
  @EJB private MessageStore store;
  @EJB private SessionRepository sessions;
  @Inject private Settings settings;

  /** Deletes a pair's stored history and its offline copies, for both users. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void clearChatHistory(String userId, String peerId) {
    store.clearPairHistory(sessions.lock(ChatSession.pairKey(userId, peerId)));
  }

  /**
   * A page of the 1:1 history between {@code userId} and {@code peerId}, newest first.
   *
   * @param start how many of the newest messages to skip
   * @param length the page size; capped by the configured maximum
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public HistoryPage chatHistory(
      String userId, String peerId, int start, int length, String beforeMsgId) {
    String sessionId = ChatSession.pairKey(userId, peerId);
    ChatSession pair = em.find(ChatSession.class, sessionId);
    if (pair == null) {
      return new HistoryPage(0, List.of());
    }
    return page(pair, start, length, beforeMsgId);
  }

  /**
   * A page of a group's history, newest first, for a current or former member.
   *
   * @param beforeMsgId when given, the page starts just before that message (a cursor for clients
   *     that page deep; {@code start} then counts from it)
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public HistoryPage sessionHistory(
      String sessionId, String userId, int start, int length, String beforeMsgId) {
    ChatSession session = sessions.find(sessionId);
    Member member =
        Member.requireCurrentOrFormer(sessions.membership(sessionId, userId), sessionId, userId);
    return page(session, member, start, length, beforeMsgId);
  }

  private HistoryPage page(ChatSession session, int start, int length, String beforeMsgId) {
    return page(session, null, start, length, beforeMsgId);
  }

  /**
   * @param reader the membership whose window bounds the page; null for a pair's own user
   */
  private HistoryPage page(
      ChatSession session, Member reader, int start, int length, String beforeMsgId) {
    int size = Math.min(length, settings.maxHistoryPage());
    long before = Long.MAX_VALUE;
    if (beforeMsgId != null && !beforeMsgId.isBlank()) {
      ChatMessage anchor = store.findByMsgId(beforeMsgId);
      if (anchor == null || !anchor.getSessionId().equals(session.getSessionId())) {
        throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no message " + beforeMsgId + " here");
      }
      before = anchor.getSeq();
    }
    // a former member reads what was posted up to their leaving, and no further
    long readable = reader == null ? Long.MAX_VALUE : reader.readableBefore();
    before = Math.min(before, readable);
    // served by the (session_id, seq) index; the cursor avoids skipping rows with OFFSET
    List<ChatMessage> page =
        em.createNamedQuery(ChatMessage.HISTORY, ChatMessage.class)
            .setParameter("sessionId", session.getSessionId())
            .setParameter("before", before)
            .setFirstResult(start)
            .setMaxResults(size)
            .getResultList();
    // the session counts its messages, so the total costs no COUNT over the history; a former
    // member's total leaves out the messages after their window (a group's are never deleted)
    long total = session.getMessageCount();
    if (readable != Long.MAX_VALUE) {
      total = Math.max(0, total - (session.getLastSeq() - (readable - 1)));
    }
    return new HistoryPage(total, page);
  }
}
