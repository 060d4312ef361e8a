package im.tlim.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import im.tlim.delivery.DeliveryQueue;
import im.tlim.delivery.Dispatch;
import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.MsgType;
import im.tlim.envelope.SystemEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.util.List;

/** Reused look-ups and locks of sessions and memberships. */
@Stateless
public class SessionRepository {

  @PersistenceContext private EntityManager em;
  @Inject private DeliveryQueue deliveries;
  // through the container, so ensurePair runs in a transaction of its own
  @jakarta.ejb.EJB private SessionRepository self;

  /**
   * Creates the 1:1 session of two users with their first message, in a transaction of its own so
   * that two first messages crossing each other cannot fail either sender. The MTT-102 that tells
   * both users is queued in the same transaction: it goes out exactly when the pair comes into
   * being, even if the message that caused it is then refused or retried.
   *
   * @param announce whether to send MTT-102 (not for the server's own pairs)
   * @return true when this call created it
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean ensurePair(String creator, String peer, boolean announce) {
    if (em.find(ChatSession.class, ChatSession.pairKey(creator, peer)) != null) {
      return false;
    }
    long now = System.currentTimeMillis();
    ChatSession pair = ChatSession.pair(creator, peer, now);
    try {
      em.persist(pair);
      em.persist(Member.join(pair.getSessionId(), creator, now));
      em.persist(Member.join(pair.getSessionId(), peer, now));
      em.flush();
    } catch (PersistenceException e) {
      throw new SessionAlreadyExistsException(pair.getSessionId());
    }
    if (announce) {
      announce(pair, creator, peer);
    }
    return true;
  }

  /** MTT-102 to both users of a new pair: the 1:1 session now exists. */
  private void announce(ChatSession pair, String creator, String peer) {
    for (String user : List.of(creator, peer)) {
      ArrayNode body = EnvelopeCodec.array();
      body.addObject().put("session_id", pair.peerOf(user)).put("session_user", creator);
      Envelope created = SystemEnvelopes.of(MsgType.SINGLE_SESSION_CREATED, user, body);
      deliveries.enqueue(
          Dispatch.to(List.of(user), EnvelopeCodec.write(created), null), pair.getSessionId());
    }
  }

  /**
   * The session, locked for the rest of the caller's transaction so its messages are numbered one
   * at a time.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public ChatSession lock(String sessionId) {
    ChatSession session = em.find(ChatSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
    if (session == null) {
      throw new TlimException(ErrorCode.SESSION_UNKNOWN, "no session " + sessionId);
    }
    return session;
  }

  /** A locked 1:1 session, and whether this call created it. */
  public record LockedPair(ChatSession session, boolean created) {}

  /**
   * The 1:1 session of two users, locked for the caller's transaction; created first (in a
   * transaction of its own, see {@link #ensurePair}) when this is their first message.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public LockedPair lockPair(String creator, String peer, boolean announce) {
    String key = ChatSession.pairKey(creator, peer);
    ChatSession pair = lockIfExists(key);
    if (pair != null) {
      return new LockedPair(pair, false);
    }
    boolean created;
    try {
      created = self.ensurePair(creator, peer, announce);
    } catch (SessionAlreadyExistsException e) {
      created = false;
    }
    return new LockedPair(lock(key), created);
  }

  /** The session locked for the caller's transaction, or null when it does not exist. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public ChatSession lockIfExists(String sessionId) {
    return em.find(ChatSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public ChatSession find(String sessionId) {
    ChatSession session = em.find(ChatSession.class, sessionId);
    if (session == null) {
      throw new TlimException(ErrorCode.SESSION_UNKNOWN, "no session " + sessionId);
    }
    return session;
  }

  /**
   * The session a client means: a group's id as it is, or — since a 1:1 chat's session_id is the
   * peer's user id — the pair of {@code userId} and that peer.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public String resolve(String sessionIdOrPeer, String userId) {
    if (em.find(ChatSession.class, sessionIdOrPeer) != null || userId == null) {
      return sessionIdOrPeer;
    }
    return ChatSession.pairKey(userId, sessionIdOrPeer);
  }

  /** The membership, or null when the user never belonged to the session. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Member membership(String sessionId, String userId) {
    return em.find(Member.class, new Member.Key(sessionId, userId));
  }

  /** The current members, in the order they joined. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Member> activeMembers(String sessionId) {
    return em.createNamedQuery(Member.ACTIVE_IN_SESSION, Member.class)
        .setParameter("sessionId", sessionId)
        .getResultList();
  }

  /** The current members' user ids. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<String> activeMemberIds(String sessionId) {
    return em
        .createNamedQuery(Member.ACTIVE_IN_SESSION, Member.class)
        .setParameter("sessionId", sessionId)
        .getResultList()
        .stream()
        .map(Member::getUserId)
        .toList();
  }
}
