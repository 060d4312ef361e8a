package im.tlim.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.MsgType;
import im.tlim.envelope.SystemEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
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
 * Session operations of the HTTP API. Each is one transaction, and each sends the matching
 * system message (stored, and delivered to every affected member).
 */
@Stateless
public class SessionService {

  static final int MAX_NAME = 128;

  @PersistenceContext private EntityManager em;
  @EJB private MessageStore store;
  @EJB private UserService users;

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
    User creator;
    try {
      creator = users.require(requestUser);
    } catch (TlimException e) {
      throw new TlimException(ErrorCode.SESSION_USER_INVALID, "unknown request_user " + requestUser);
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
    String sessionName =
        name == null || name.isBlank()
            ? defaultName(members)
            : name;
    if (sessionName.length() > MAX_NAME) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, "session_name is longer than " + MAX_NAME);
    }
    long now = System.currentTimeMillis();
    ChatSession session = ChatSession.group(UUID.randomUUID().toString(), type, sessionName, requestUser, now);
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
    ArrayNode list = created.putArray("subscribers");
    for (User member : members) {
      list.addObject().put("user_id", member.getUserId()).put("user_name", member.getUserName());
    }
    List<String> recipients = members.stream().map(User::getUserId).toList();
    store.store(
        SystemEnvelopes.of(MsgType.SESSION_CREATED, session.getSessionId(), body),
        session,
        recipients,
        true,
        null,
        null);
    return new Created(session, members);
  }

  /** The original's default name: the members' names joined by commas, cut to fit. */
  private static String defaultName(List<User> members) {
    String joined = String.join(",", members.stream().map(User::getUserName).toList());
    return joined.length() <= MAX_NAME ? joined : joined.substring(0, MAX_NAME);
  }
}
