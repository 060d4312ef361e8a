package im.tlim.offline;

import im.tlim.envelope.MsgType;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.ChatMessage;
import im.tlim.observability.TlimLogger;
import im.tlim.session.Member;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the offline store (getOffline) and a user's messages after a point (syncMessage), both in
 * commit order: the position of a message is its sync_seq ({@link SyncSequencer}), so a client
 * whose cursor is the last message of a previous answer never skips one that committed later.
 */
@Stateless
public class OfflineService {

  private static final TlimLogger LOG = TlimLogger.of(OfflineService.class);

  @PersistenceContext private EntityManager em;
  @EJB private SyncSequencer sequencer;

  /** A message as one user receives it: msg_to is that user for group copies. */
  public record Copy(ChatMessage message, String msgTo, int recv) {}

  /** One page of copies in order, and whether more follow it. */
  public record Page(List<Copy> copies, boolean hasMore) {}

  /**
   * The user's waiting copies in commit order (sync_seq), after clearing the acknowledged ones.
   *
   * @param ackMsgId the last message of a page the client has: its entries and every entry before
   *     it in commit order are removed first (none when null). Only entries the client could have
   *     read are before it: a copy that commits later is numbered above it.
   * @param clear whether exactly the returned entries are removed too, in the same transaction (the
   *     original's get-and-clear): a message that arrives meanwhile stays for the next call
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Page offline(String userId, String ackMsgId, int max, boolean clear) {
    numberCommitted();
    if (ackMsgId != null && !ackMsgId.isBlank()) {
      long acknowledged = position(ackMsgId);
      // SQL, not JPQL: EclipseLink writes this JPQL delete with a second, unjoined tlim_message,
      // which scans the message table once per acknowledged entry (docs/bench: seconds a page
      // at a 20k backlog). The correlated EXISTS runs on the inbox key and the message key, on
      // PostgreSQL and H2 alike.
      em.createNativeQuery(
              "delete from tlim_inbox i where i.user_id = ?1 and exists (select 1 from"
                  + " tlim_message m where m.id = i.message_id and m.sync_seq <= ?2)")
          .setParameter(1, userId)
          .setParameter(2, acknowledged)
          .executeUpdate();
    }
    // only numbered messages: an entry whose message is not numbered yet comes on a later page,
    // above anything a client acknowledges from this one
    List<Object[]> rows =
        em.createQuery(
                "select i, m from InboxEntry i, ChatMessage m where i.userId = :userId"
                    + " and m.id = i.messageId and m.syncSeq is not null order by m.syncSeq",
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
   * Everything in the user's sessions committed after the message {@code afterMsgId} (from the
   * start when null), in commit order (sync_seq). A former member gets a session's messages up to
   * their leaving only.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Page after(String userId, String afterMsgId, int max) {
    numberCommitted();
    long after = 0;
    if (afterMsgId != null && !afterMsgId.isBlank()) {
      after = position(afterMsgId);
    }
    List<ChatMessage> messages = page(syncQuery(userId, after, max + 1));
    boolean hasMore = messages.size() > max;
    List<Copy> copies = new ArrayList<>();
    for (ChatMessage m : messages.subList(0, Math.min(max, messages.size()))) {
      copies.add(new Copy(m, addressedTo(m, userId), 0));
    }
    return new Page(copies, hasMore);
  }

  /**
   * The form of the page's query that reads least for this user: their sessions one by one when
   * they are in a few ({@link SyncQuery#PER_SESSION_MAX_SESSIONS}), else the global walk.
   */
  private SyncQuery syncQuery(String userId, long after, int limit) {
    List<Member> memberships =
        em.createQuery("select mb from Member mb where mb.userId = :userId", Member.class)
            .setParameter("userId", userId)
            .getResultList();
    if (memberships.size() > SyncQuery.PER_SESSION_MAX_SESSIONS) {
      return SyncQuery.global(userId, after, limit);
    }
    List<SyncQuery.Window> windows = new ArrayList<>();
    for (Member mb : memberships) {
      Long last = mb.lastReadableSeq();
      if (last != null) {
        windows.add(new SyncQuery.Window(mb.getSessionId(), last));
      }
    }
    return windows.isEmpty() ? null : SyncQuery.perSession(userId, windows, after, limit);
  }

  /** The messages a page query finds (none for no query: the user can read no session). */
  @SuppressWarnings("unchecked")
  private List<ChatMessage> page(SyncQuery query) {
    if (query == null) {
      return List.of();
    }
    Query q = em.createNativeQuery(query.sql(), ChatMessage.class);
    for (int i = 0; i < query.parameters().size(); i++) {
      q.setParameter(i + 1, query.parameters().get(i));
    }
    return q.getResultList();
  }

  /**
   * The commit-order position of a message a client names as its cursor (error-019 when there is
   * none). Every committed message is numbered by {@link SyncSequencer#catchUp}; one that is not
   * yet (a backlog larger than a catch-up) is refused as "retry later".
   */
  private long position(String msgId) {
    List<Long> found =
        em.createQuery("select m.syncSeq from ChatMessage m where m.msgId = :msgId", Long.class)
            .setParameter("msgId", msgId)
            .getResultList();
    if (found.isEmpty()) {
      throw new TlimException(ErrorCode.MESSAGE_UNKNOWN, "no message " + msgId);
    }
    if (found.get(0) == null) {
      throw new TlimException(ErrorCode.INTERNAL, "message " + msgId + " is not numbered yet");
    }
    return found.get(0);
  }

  /**
   * Numbers what committed before this read, so the read sees it. Only freshness depends on it: a
   * numbering that fails (a deadlock with a history clear, a lost connection) leaves those messages
   * for a later read, above this one's cursor, so the read goes on without them.
   */
  private void numberCommitted() {
    try {
      sequencer.catchUp();
    } catch (EJBException e) {
      LOG.syncNumberingBeforeReadFailed(e.toString());
    }
  }

  private static String addressedTo(ChatMessage message, String userId) {
    boolean group =
        MsgType.fromCode(message.getMsgType()).map(MsgType::addressedToEachMember).orElse(false);
    return group ? userId : message.getMsgTo();
  }
}
