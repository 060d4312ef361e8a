package im.tlim.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.MsgType;
import im.tlim.envelope.SystemEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.Copies;
import im.tlim.message.MessageStore;
import im.tlim.user.User;
import im.tlim.user.UserService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Session operations of the HTTP API. Each is one transaction, and each sends the matching system
 * message (stored, and delivered to every affected member).
 */
@Stateless
public class SessionService {

  @PersistenceContext private EntityManager em;
  @EJB private MessageStore store;
  @EJB private UserService users;
  @EJB private SessionRepository repository;
  @jakarta.inject.Inject private im.tlim.settings.Settings settings;

  /** A created session and its members in the order given. */
  public record Created(ChatSession session, List<User> members) {}

  /**
   * Creates a group session of {@code requestUser} and the subscribers (the creator is always a
   * member) and tells every member with MTS-105. An unknown user fails the whole call.
   */
  public Created addSession(String requestUser, int type, String name, List<String> subscribers) {
    if (!SessionType.isValid(type) || type == SessionType.PAIR) {
      throw new TlimException(ErrorCode.SESSION_TYPE_INVALID, "session_type " + type);
    }
    if (requestUser == null || requestUser.isBlank()) {
      throw new TlimException(ErrorCode.SESSION_USER_INVALID, "request_user is missing");
    }
    requireShortList(subscribers.size());
    User creator;
    try {
      creator = users.require(requestUser);
    } catch (TlimException e) {
      throw new TlimException(
          ErrorCode.SESSION_USER_INVALID, "unknown request_user " + requestUser);
    }
    Set<String> ids = new LinkedHashSet<>();
    ids.add(requestUser);
    ids.addAll(subscribers);
    List<User> members = new ArrayList<>();
    members.add(creator);
    for (String id : ids) {
      if (!id.equals(requestUser)) {
        members.add(users.require(id)); // error-013 names the unknown user
      }
    }
    String sessionName = name == null || name.isBlank() ? defaultName(members) : name;
    if (sessionName.length() > ChatSession.MAX_NAME) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID, "session_name is longer than " + ChatSession.MAX_NAME);
    }
    long now = System.currentTimeMillis();
    ChatSession session =
        ChatSession.group(UUID.randomUUID().toString(), type, sessionName, requestUser, now);
    em.persist(session);
    for (User member : members) {
      em.persist(Member.join(session.getSessionId(), member.getUserId(), now));
    }
    // the rows the system message refers to go first (no mapped relation orders them)
    em.flush();
    ArrayNode body = EnvelopeCodec.array();
    ObjectNode created = body.addObject();
    created.put("session_id", session.getSessionId());
    created.put("session_user", requestUser);
    subscribers(created, members);
    List<String> recipients = members.stream().map(User::getUserId).toList();
    store.store(
        SystemEnvelopes.toMembers(MsgType.SESSION_CREATED, body),
        session,
        Copies.fromServerToEachMember(recipients));
    return new Created(session, members);
  }

  /** A session as one member sees it, with the members' directory entries. */
  public record View(
      ChatSession session, List<Member> members, java.util.Map<String, User> users) {}

  /**
   * The open group sessions the user belongs to (findSessions): one query, at most {@code
   * tlim.lists.max-entries}, the most recently changed first.
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public List<ChatSession> groupsOf(String userId) {
    return em.createQuery(
            "select s from ChatSession s, Member m where m.userId = :userId and m.leftAt is null"
                + " and m.sessionId = s.sessionId and s.sessionType <> :pair and s.valid = 0"
                + " order by s.modifyTime desc, s.sessionId",
            ChatSession.class)
        .setParameter("userId", userId)
        .setParameter("pair", SessionType.PAIR)
        .setMaxResults(settings.maxListEntries())
        .getResultList();
  }

  /** A session as findWebSessions lists it: a pair's peer and their name, or the group. */
  public record Listed(ChatSession session, String peer, String peerName) {}

  /**
   * Every session the user is a member of (groups they left are not theirs any more), 1:1 pairs
   * included, open (valid 0) or closed (1): two queries whatever their number (the sessions, then
   * the names of all the pairs' peers), at most {@code tlim.lists.max-entries}, the most recently
   * changed first.
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public List<Listed> allOf(String userId, int valid) {
    List<ChatSession> found =
        em.createQuery(
                "select s from ChatSession s, Member m where m.userId = :userId and m.leftAt is null"
                    + " and m.sessionId = s.sessionId and s.valid = :valid"
                    + " order by s.modifyTime desc, s.sessionId",
                ChatSession.class)
            .setParameter("userId", userId)
            .setParameter("valid", valid)
            .setMaxResults(settings.maxListEntries())
            .getResultList();
    Set<String> peers = new LinkedHashSet<>();
    for (ChatSession s : found) {
      if (s.isPair()) {
        peers.add(s.peerOf(userId));
      }
    }
    java.util.Map<String, String> names = users.namesOf(peers);
    List<Listed> listed = new ArrayList<>(found.size());
    for (ChatSession s : found) {
      String peer = s.isPair() ? s.peerOf(userId) : null;
      listed.add(new Listed(s, peer, peer == null ? null : names.getOrDefault(peer, peer)));
    }
    return listed;
  }

  /** A session with its current members (findSession, findSubscribers, findPresence). */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public View view(String sessionId) {
    ChatSession session = repository.find(sessionId);
    List<Member> members = repository.activeMembers(sessionId);
    java.util.Map<String, User> byId = new java.util.HashMap<>();
    for (Member m : members) {
      byId.put(m.getUserId(), users.findIncludingRemoved(m.getUserId()));
    }
    return new View(session, members, byId);
  }

  /**
   * findPresence's users: a group's current members (for its members), or, since a 1:1 chat's
   * session_id is the peer's user id, the peer and the asking user. Any user may ask for a peer in
   * the directory, as any user may write to one. error-009 when the id is neither.
   *
   * @param asking the asking user, or null for the service role
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public List<String> presenceUsers(String sessionIdOrPeer, String asking) {
    if (em.find(ChatSession.class, sessionIdOrPeer) == null && users.isKnown(sessionIdOrPeer)) {
      List<String> pair = new ArrayList<>(List.of(sessionIdOrPeer));
      if (asking != null && !asking.equals(sessionIdOrPeer)) {
        pair.add(asking);
      }
      return pair;
    }
    if (asking != null) {
      requireMember(sessionIdOrPeer, asking);
    }
    return repository.activeMemberIds(repository.find(sessionIdOrPeer).getSessionId());
  }

  /** The name a user is shown by (their id until addUser names them). */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public String displayName(String userId) {
    return users.findIncludingRemoved(userId).getUserName();
  }

  /** One change of membership asked by modifySession. */
  public record MemberChange(String userId, boolean add) {}

  /**
   * modifySession: renames (an empty name leaves it), adds and removes members, each change
   * announced (MTS-102 rename, MTS-106 invite, MTS-103 removal, MTS-104 quit) to every affected
   * member, removed ones included. Removing others is for the creator only.
   *
   * @param actingUser who asks; null for a trusted server-side caller (acts as the creator)
   */
  public ChatSession modify(
      String sessionId, String actingUser, String name, List<MemberChange> changes) {
    ChatSession session = repository.lock(sessionId).requireOpenGroup();
    String actor = actingUser == null ? session.getSessionUser() : actingUser;
    Member.requireCurrent(repository.membership(sessionId, actor), sessionId, actor);
    requireShortList(changes.size());
    long now = System.currentTimeMillis();
    if (name != null && !name.isBlank() && !name.equals(session.getSessionName())) {
      if (name.length() > ChatSession.MAX_NAME) {
        throw new TlimException(
            ErrorCode.PARAMETER_INVALID, "session_name is longer than " + ChatSession.MAX_NAME);
      }
      session.rename(name, now);
      ArrayNode body = EnvelopeCodec.array();
      body.addObject().put("session_id", sessionId).put("session_name", name);
      announce(session, MsgType.SESSION_RENAMED, body, List.of());
    }
    List<User> added = new ArrayList<>();
    List<User> removed = new ArrayList<>();
    List<Member> leaving = new ArrayList<>();
    for (MemberChange change : changes) {
      User user = users.require(change.userId());
      Member member = repository.membership(sessionId, user.getUserId());
      if (change.add()) {
        if (member == null) {
          em.persist(Member.join(sessionId, user.getUserId(), now));
          added.add(user);
        } else if (!member.isActive()) {
          member.rejoin(now);
          added.add(user);
        }
      } else if (Member.isCurrent(member)) {
        if (!session.mayRemove(actor, user.getUserId())) {
          throw new TlimException(ErrorCode.NOT_AUTHORISED, "only the creator removes others");
        }
        member.leave(now, session.getLastSeq());
        leaving.add(member);
        removed.add(user);
      }
    }
    em.flush();
    if (!added.isEmpty()) {
      ArrayNode body = EnvelopeCodec.array();
      subscribers(body.addObject().put("session_id", sessionId), added);
      announce(session, MsgType.MEMBER_INVITED, body, List.of());
    }
    boolean quit = removed.size() == 1 && removed.get(0).getUserId().equals(actor);
    if (quit) {
      User leaver = removed.get(0);
      ArrayNode body = EnvelopeCodec.array();
      body.addObject()
          .put("session_id", sessionId)
          .put("user_id", leaver.getUserId())
          .put("user_name", leaver.getUserName());
      announce(session, MsgType.MEMBER_QUIT, body, removed);
    } else if (!removed.isEmpty()) {
      ArrayNode body = EnvelopeCodec.array();
      subscribers(body.addObject().put("session_id", sessionId), removed);
      announce(session, MsgType.MEMBER_REMOVED, body, removed);
    }
    // their window ends with the notice of their leaving, which they get; numbered only now
    for (Member member : leaving) {
      member.leave(now, session.getLastSeq());
    }
    session.touch(now);
    return session;
  }

  /**
   * deleteSession and dissolved: the creator closes the session; members keep its history and are
   * told with MTS-107.
   */
  public ChatSession close(String sessionId, String actingUser) {
    ChatSession session = repository.lock(sessionId).requireOpenGroup();
    if (actingUser != null && !session.isCreatedBy(actingUser)) {
      throw new TlimException(ErrorCode.NOT_AUTHORISED, "only the creator closes a session");
    }
    if (actingUser != null) {
      // a creator who quit has no say any more
      Member.requireCurrent(repository.membership(sessionId, actingUser), sessionId, actingUser);
    }
    session.close(System.currentTimeMillis());
    ArrayNode body = EnvelopeCodec.array();
    body.addObject().put("session_id", sessionId);
    announce(session, MsgType.SESSION_DISSOLVED, body, List.of());
    return session;
  }

  /** updateSessionPic. */
  public ChatSession changePic(String sessionId, String actingUser, String pic) {
    ChatSession session = repository.lock(sessionId).requireOpenGroup();
    if (actingUser != null) {
      Member.requireCurrent(repository.membership(sessionId, actingUser), sessionId, actingUser);
    }
    session.changePic(pic, System.currentTimeMillis());
    return session;
  }

  /**
   * Refuses (error-014) a user who is not a current member of the session; a 1:1 chat's session_id
   * may be the peer's id, and its pair is the user's own. Unknown: error-009.
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
  public void requireMember(String sessionIdOrPeer, String userId) {
    String sessionId = repository.resolve(sessionIdOrPeer, userId);
    repository.find(sessionId);
    Member.requireCurrent(repository.membership(sessionId, userId), sessionId, userId);
  }

  /** error-030 for a list of more users than one call may name. */
  private void requireShortList(int size) {
    int max = settings.maxListEntries();
    if (size > max) {
      throw new TlimException(
          ErrorCode.LIST_TOO_LONG, "subscribers has more than " + max + " entries");
    }
  }

  /** Stores a system message and sends it to the current members and {@code alsoTo}. */
  private void announce(ChatSession session, MsgType type, ArrayNode body, List<User> alsoTo) {
    Set<String> recipients =
        new LinkedHashSet<>(repository.activeMemberIds(session.getSessionId()));
    alsoTo.forEach(u -> recipients.add(u.getUserId()));
    store.store(
        SystemEnvelopes.toMembers(type, body),
        session,
        Copies.fromServerToEachMember(List.copyOf(recipients)));
  }

  private static void subscribers(ObjectNode element, List<User> users) {
    ArrayNode list = element.putArray("subscribers");
    for (User user : users) {
      list.addObject().put("user_id", user.getUserId()).put("user_name", user.getUserName());
    }
  }

  /** The original's default name: the members' names joined by commas, cut to fit. */
  private static String defaultName(List<User> members) {
    String joined = String.join(",", members.stream().map(User::getUserName).toList());
    return joined.length() <= ChatSession.MAX_NAME
        ? joined
        : joined.substring(0, ChatSession.MAX_NAME);
  }
}
