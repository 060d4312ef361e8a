package im.tlim.web.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.presence.PresenceRegistry;
import im.tlim.session.ChatSession;
import im.tlim.session.Member;
import im.tlim.session.SessionService;
import im.tlim.user.User;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import im.tlim.web.operation.Shape;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Session operations of the original's API (§五 14–16, 19–24, 26, 41): create, modify, close, find,
 * members, picture, presence. Field names and types are the original's.
 */
@Path("")
@RequestScoped
public class SessionResource extends PluginResource {

  static final Parameter<String> SESSION_TYPE =
      Parameter.required("session_type", ErrorCode.SESSION_TYPE_INVALID, 20)
          .documentedAs(Shape.integerOneOf(0, 1, 2))
          .describe(
              "0 group, 1 approval, 2 returned. Text (\"1\") or a number. error-002 when missing or invalid (99 included).")
          .example(1);

  static final Parameter<String> ADD_SESSION_REQUEST_USER =
      Parameter.user("request_user")
          .documentedRequired(true)
          .describe(
              "The creating user (becomes `session_user`). error-004 when missing or unknown.")
          .example("717a4913b0a9409191518967330419e5");

  static final Parameter<List<String>> ADD_SESSION_SUBSCRIBERS =
      Parameter.userIds("subscribers", "SubscriberRef")
          .describe(
              "The members to add: a JSON array of `{user_id}` objects (or of plain ids); in a query string or a form, its JSON text. error-026 when not a JSON array, error-013 names an unknown user.")
          .exampleJson(
              "[{\"user_id\":\"1d0e5d20ef0c4eb38cf95f643eecfc27\"},{\"user_id\":\"93be1343711940ea986be1486f1541af\"},{\"user_id\":\"f04de6dddf5a4f1db4b0ad57e2deaf82\"}]");

  static final Parameter<String> ADD_SESSION_SESSION_NAME =
      Parameter.optional("session_name", ChatSession.MAX_NAME)
          .describe(
              "Optional; by default the members' `user_name`s joined by \",\" (creator first). error-026 when longer than "
                  + ChatSession.MAX_NAME
                  + ".");

  static final Operation ADD_SESSION =
      Operation.of(
          "addSession",
          SESSION_TYPE,
          ADD_SESSION_REQUEST_USER,
          ADD_SESSION_SUBSCRIBERS,
          ADD_SESSION_SESSION_NAME);

  static final Parameter<String> SESSION_ID =
      Parameter.sessionId()
          .describe(
              "The group's session id. error-007 when missing; error-009 when unknown or a 1:1 chat.")
          .example("5173d7d4-32de-40c1-8849-8b2bab48d3b2");

  static final Parameter<String> MODIFY_SESSION_SESSION_NAME =
      Parameter.optional("session_name", ChatSession.MAX_NAME)
          .describe("The new name; empty or absent leaves the name as it is.")
          .example("hello,world");

  static final Parameter<List<Params.Change>> MODIFY_SESSION_SUBSCRIBERS =
      Parameter.memberChanges("subscribers", "SubscriberChange")
          .describe(
              "Changes of membership: a JSON array of `{user_id, type: add|del}` (type defaults to add); in a query string or a form, its JSON text. error-026 when malformed, error-013 for an unknown user.")
          .exampleJson(
              "[{\"user_id\":\"1d0e5d20ef0c4eb38cf95f643eecfc27\",\"type\":\"del\"},{\"user_id\":\"5be16456aab44c7e8dcacc51c44de705\",\"type\":\"add\"}]");

  static final Parameter<String> MODIFY_SESSION_REQUEST_USER =
      Parameter.user("request_user")
          .describe(
              "Optional acting user, until HTTP authentication arrives. When given, the checks apply to that user (see the operation); when absent the call acts as the session's creator. The acting user must be a current member (error-014); only the creator removes others (error-021).")
          .example("717a4913b0a9409191518967330419e5");

  static final Operation MODIFY_SESSION =
      Operation.of(
          "modifySession",
          SESSION_ID,
          MODIFY_SESSION_SESSION_NAME,
          MODIFY_SESSION_SUBSCRIBERS,
          MODIFY_SESSION_REQUEST_USER);

  static final Parameter<String> CLOSE_REQUEST_USER =
      Parameter.user("request_user")
          .describe(
              "Optional acting user, until HTTP authentication arrives. When given, the checks apply to that user (see the operation); when absent the call acts as the session's creator. Only the creator may close the session (error-021).")
          .example("717a4913b0a9409191518967330419e5");

  static final Operation DELETE_SESSION =
      Operation.of("deleteSession", SESSION_ID, CLOSE_REQUEST_USER);

  static final Operation DISSOLVED = Operation.of("dissolved", SESSION_ID, CLOSE_REQUEST_USER);

  static final Parameter<String> USER_ID =
      Parameter.user("user_id")
          .documentedRequired(true)
          .describe("The user. error-008 when missing.")
          .example("673b15e889df4e4aaa33b46d1b433189");

  static final Operation FIND_SESSIONS = Operation.of("findSessions", USER_ID);

  static final Parameter<String> MEMBER_SESSION_ID =
      Parameter.sessionId()
          .describe(
              "A group's session id. error-007 when missing; error-009 when unknown (a 1:1 chat's peer id is not accepted here).")
          .example("5173d7d4-32de-40c1-8849-8b2bab48d3b2");

  static final Operation FIND_SESSION = Operation.of("findSession", MEMBER_SESSION_ID);

  static final Operation FIND_SUBSCRIBERS = Operation.of("findSubscribers", MEMBER_SESSION_ID);

  static final Parameter<String> UPDATE_SESSION_PIC_SESSION_ID =
      Parameter.sessionId()
          .describe(
              "The group's session id. error-007 when missing; error-009 when unknown or a 1:1 chat.")
          .example("824a02a1-9ee4-4487-b56f-de5b4a29317f");

  static final Parameter<String> SESSION_PIC =
      Parameter.required("session_pic", ErrorCode.PARAMETER_INVALID, 512)
          .describe("The picture. error-026 when missing or longer than 512.")
          .example("http://ip:port/cap-aco/uploader/loadImg?pic=jjhd21.png");

  static final Parameter<String> UPDATE_SESSION_PIC_REQUEST_USER =
      Parameter.user("request_user")
          .describe(
              "Optional acting user, until HTTP authentication arrives; when given it must be a current member (error-014).")
          .example("00f4aa18361c44d3b4c5dd444b76fe7e");

  static final Operation UPDATE_SESSION_PIC =
      Operation.of(
          "updateSessionPic",
          UPDATE_SESSION_PIC_SESSION_ID,
          SESSION_PIC,
          UPDATE_SESSION_PIC_REQUEST_USER);

  static final Parameter<Integer> VALID =
      Parameter.integer("valid", 0, 0, 1)
          .describe("0 open sessions (default), 1 closed ones. error-026 otherwise.")
          .example(0);

  static final Operation FIND_WEB_SESSIONS = Operation.of("findWebSessions", USER_ID, VALID);

  /** A group's session id as the others take it, or a 1:1 chat's (the peer's id). */
  static final Parameter<String> PRESENCE_SESSION_ID =
      MEMBER_SESSION_ID.describe(
          "A group's session id (its current members), or a 1:1 chat's: the peer's user id (the peer and the caller). error-007 when missing; error-009 when neither.");

  static final Operation FIND_PRESENCE = Operation.of("findPresence", PRESENCE_SESSION_ID);

  @EJB private SessionService sessions;
  @Inject private PresenceRegistry presence;

  /** An open web page counts as online (docs/api.md, live channel). */
  @Inject private im.tlim.presence.LiveConnections pages;

  @GET
  @Path("addSession")
  public ObjectNode addSession() {
    Params params = params();
    int type = sessionType(params);
    String requestUser =
        self(params, ADD_SESSION_REQUEST_USER.name(), ErrorCode.SESSION_USER_INVALID);
    SessionService.Created created =
        sessions.addSession(
            requestUser,
            type,
            ADD_SESSION_SESSION_NAME.in(params),
            ADD_SESSION_SUBSCRIBERS.in(params));
    ObjectNode answer = Answers.ok();
    answer.put("session_id", created.session().getSessionId());
    answer.put("session_name", created.session().getSessionName());
    answer.put(
        "session_type",
        Integer.toString(created.session().getSessionType())); // a string here, as in the original
    answer.put("session_user", created.session().getSessionUser());
    answer.put("session_create_time", Long.toString(created.session().getCreateTime()));
    ArrayNode subscribers = answer.putArray("subscribers");
    for (User member : created.members()) {
      subscribers.addObject().put("user_id", member.getUserId());
    }
    return answer;
  }

  @GET
  @Path("modifySession")
  public ObjectNode modifySession() {
    Params params = params();
    String sessionId = SESSION_ID.in(params);
    List<SessionService.MemberChange> changes = new ArrayList<>();
    for (Params.Change change : MODIFY_SESSION_SUBSCRIBERS.in(params)) {
      changes.add(new SessionService.MemberChange(change.userId(), change.add()));
    }
    ChatSession session =
        sessions.modify(
            sessionId,
            actor(params, MODIFY_SESSION_REQUEST_USER.name()),
            MODIFY_SESSION_SESSION_NAME.in(params),
            changes);
    ObjectNode answer = Answers.ok();
    answer.put("session_id", session.getSessionId());
    answer.put("session_modify_time", Long.toString(session.getModifyTime()));
    return answer;
  }

  @GET
  @Path("deleteSession")
  public ObjectNode deleteSession() {
    Params params = params();
    ChatSession session =
        sessions.close(SESSION_ID.in(params), actor(params, CLOSE_REQUEST_USER.name()));
    ObjectNode answer = Answers.ok();
    answer.put("session_delete_time", Long.toString(session.getDeleteTime()));
    answer.put("session_id", session.getSessionId());
    return answer;
  }

  @GET
  @Path("dissolved")
  public ObjectNode dissolved() {
    Params params = params();
    sessions.close(SESSION_ID.in(params), actor(params, CLOSE_REQUEST_USER.name()));
    return Answers.ok();
  }

  @GET
  @Path("findSessions")
  public ObjectNode findSessions() {
    Params params = params();
    String user = self(params, USER_ID.name());
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("sessions");
    for (ChatSession s : sessions.groupsOf(user)) {
      list.addObject()
          .put("session_id", s.getSessionId())
          .put("session_name", s.getSessionName())
          .put("session_type", s.getSessionType())
          .put("session_user", s.getSessionUser());
    }
    return answer;
  }

  @GET
  @Path("findSession")
  public ObjectNode findSession() {
    Params params = params();
    SessionService.View view = memberView(params);
    ObjectNode answer = header(view.session());
    answer.put("session_create_time", Long.toString(view.session().getCreateTime()));
    ArrayNode list = answer.putArray("subscribers");
    for (Member m : view.members()) {
      User u = view.users().get(m.getUserId());
      list.addObject()
          .put("acct_login", nullToEmpty(u.getAcctLogin()))
          .put("session_id", m.getSessionId())
          .put("ts", Long.toString(m.getJoinedAt()))
          .put("user_id", m.getUserId())
          .put("user_name", u.getUserName());
    }
    return answer;
  }

  @GET
  @Path("findSubscribers")
  public ObjectNode findSubscribers() {
    Params params = params();
    SessionService.View view = memberView(params);
    ObjectNode answer = header(view.session());
    ArrayNode list = answer.putArray("subscribers");
    for (Member m : view.members()) {
      User u = view.users().get(m.getUserId());
      list.addObject()
          .put("user_id", m.getUserId())
          .put("user_name", u.getUserName())
          .put("acct_login", nullToEmpty(u.getAcctLogin()))
          .put("pic", nullToEmpty(u.getPic()))
          .put("session_id", m.getSessionId())
          .put("ts", Long.toString(m.getJoinedAt()));
    }
    return answer;
  }

  @GET
  @Path("updateSessionPic")
  public ObjectNode updateSessionPic() {
    Params params = params();
    ChatSession session =
        sessions.changePic(
            UPDATE_SESSION_PIC_SESSION_ID.in(params),
            actor(params, UPDATE_SESSION_PIC_REQUEST_USER.name()),
            SESSION_PIC.in(params));
    ObjectNode answer = Answers.ok();
    answer.put("session_id", session.getSessionId());
    answer.put("session_pic", session.getPic());
    return answer;
  }

  @GET
  @Path("findWebSessions")
  public ObjectNode findWebSessions() {
    Params params = params();
    String user = self(params, USER_ID.name());
    int valid = VALID.in(params);
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("sessions");
    for (SessionService.Listed listed : sessions.allOf(user, valid)) {
      ChatSession s = listed.session();
      boolean pair = s.isPair();
      // a 1:1 chat is shown as its peer: the peer's id and name
      list.addObject()
          .put("session_id", pair ? listed.peer() : s.getSessionId())
          .put("session_name", pair ? listed.peerName() : s.getSessionName())
          .put("session_type", s.getSessionType())
          .put("session_modify_time", Long.toString(s.getModifyTime()))
          .put("session_pic", nullToEmpty(s.getPic()))
          .put("session_user", s.getSessionUser())
          .put("valid", s.getValid()); // added to each entry by the original's 2018-09 change
    }
    return answer;
  }

  @GET
  @Path("findPresence")
  public ArrayNode findPresence() {
    Params params = params();
    ArrayNode answer = JsonNodeFactory.instance.arrayNode();
    for (String userId :
        sessions.presenceUsers(PRESENCE_SESSION_ID.in(params), caller().actingUser())) {
      answer
          .addObject()
          .put(
              "status",
              presence.isOnline(userId) || pages.isConnected(userId) ? "online" : "offline")
          .put("user_id", userId);
    }
    return answer;
  }

  /** The session, for its current members (and the service) only. */
  private SessionService.View memberView(Params params) {
    String sessionId = MEMBER_SESSION_ID.in(params);
    requireMember(sessionId);
    return sessions.view(sessionId);
  }

  private static ObjectNode header(ChatSession session) {
    ObjectNode answer = Answers.ok();
    answer.put("session_id", session.getSessionId());
    answer.put("session_name", session.getSessionName());
    answer.put("session_type", session.getSessionType());
    answer.put("session_user", session.getSessionUser());
    return answer;
  }

  private static int sessionType(Params params) {
    String type = SESSION_TYPE.in(params).trim();
    if (!type.matches("\\d{1,2}")) {
      throw new TlimException(ErrorCode.SESSION_TYPE_INVALID, "session_type " + type);
    }
    return Integer.parseInt(type);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
