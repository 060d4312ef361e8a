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
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

  @EJB private SessionService sessions;
  @Inject private PresenceRegistry presence;

  /** An open web page counts as online (docs/api.md, live channel). */
  @Inject private im.tlim.presence.LiveConnections pages;

  @GET
  @Path("addSession")
  public ObjectNode addSession() {
    return addSession(query());
  }

  @POST
  @Path("addSession")
  public ObjectNode addSession(String body) {
    return addSession(form(body));
  }

  @GET
  @Path("modifySession")
  public ObjectNode modifySession() {
    return modifySession(query());
  }

  @POST
  @Path("modifySession")
  public ObjectNode modifySession(String body) {
    return modifySession(form(body));
  }

  @GET
  @Path("deleteSession")
  public ObjectNode deleteSession() {
    return deleteSession(query());
  }

  @POST
  @Path("deleteSession")
  public ObjectNode deleteSession(String body) {
    return deleteSession(form(body));
  }

  @GET
  @Path("dissolved")
  public ObjectNode dissolved() {
    return dissolved(query());
  }

  @POST
  @Path("dissolved")
  public ObjectNode dissolved(String body) {
    return dissolved(form(body));
  }

  @GET
  @Path("findSessions")
  public ObjectNode findSessions() {
    return findSessions(query());
  }

  @POST
  @Path("findSessions")
  public ObjectNode findSessions(String body) {
    return findSessions(form(body));
  }

  @GET
  @Path("findSession")
  public ObjectNode findSession() {
    return findSession(query());
  }

  @POST
  @Path("findSession")
  public ObjectNode findSession(String body) {
    return findSession(form(body));
  }

  @GET
  @Path("findSubscribers")
  public ObjectNode findSubscribers() {
    return findSubscribers(query());
  }

  @POST
  @Path("findSubscribers")
  public ObjectNode findSubscribers(String body) {
    return findSubscribers(form(body));
  }

  @GET
  @Path("updateSessionPic")
  public ObjectNode updateSessionPic() {
    return updateSessionPic(query());
  }

  @POST
  @Path("updateSessionPic")
  public ObjectNode updateSessionPic(String body) {
    return updateSessionPic(form(body));
  }

  @GET
  @Path("findWebSessions")
  public ObjectNode findWebSessions() {
    return findWebSessions(query());
  }

  @POST
  @Path("findWebSessions")
  public ObjectNode findWebSessions(String body) {
    return findWebSessions(form(body));
  }

  @GET
  @Path("findPresence")
  public ArrayNode findPresence() {
    return findPresence(query());
  }

  @POST
  @Path("findPresence")
  public ArrayNode findPresence(String body) {
    return findPresence(form(body));
  }

  private ObjectNode addSession(Params params) {
    int type = sessionType(params);
    String requestUser = self(params, "request_user", ErrorCode.SESSION_USER_INVALID);
    SessionService.Created created =
        sessions.addSession(
            requestUser,
            type,
            params.optionalText("session_name", 1024),
            params.userIds("subscribers"));
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

  private ObjectNode modifySession(Params params) {
    String sessionId = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
    List<SessionService.MemberChange> changes = new ArrayList<>();
    for (Params.Change change : params.memberChanges("subscribers")) {
      changes.add(new SessionService.MemberChange(change.userId(), change.add()));
    }
    ChatSession session =
        sessions.modify(
            sessionId,
            actor(params, "request_user"),
            params.optionalText("session_name", 1024),
            changes);
    ObjectNode answer = Answers.ok();
    answer.put("session_id", session.getSessionId());
    answer.put("session_modify_time", Long.toString(session.getModifyTime()));
    return answer;
  }

  private ObjectNode deleteSession(Params params) {
    ChatSession session =
        sessions.close(
            params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64),
            actor(params, "request_user"));
    ObjectNode answer = Answers.ok();
    answer.put("session_delete_time", Long.toString(session.getDeleteTime()));
    answer.put("session_id", session.getSessionId());
    return answer;
  }

  private ObjectNode dissolved(Params params) {
    sessions.close(
        params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64), actor(params, "request_user"));
    return Answers.ok();
  }

  private ObjectNode findSessions(Params params) {
    String user = self(params, "user_id");
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

  private ObjectNode findSession(Params params) {
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

  private ObjectNode findSubscribers(Params params) {
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

  private ObjectNode updateSessionPic(Params params) {
    ChatSession session =
        sessions.changePic(
            params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64),
            actor(params, "request_user"),
            params.text("session_pic", ErrorCode.PARAMETER_INVALID, 512));
    ObjectNode answer = Answers.ok();
    answer.put("session_id", session.getSessionId());
    answer.put("session_pic", session.getPic());
    return answer;
  }

  private ObjectNode findWebSessions(Params params) {
    String user = self(params, "user_id");
    int valid = params.integer("valid", 0, 0, 1);
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

  private ArrayNode findPresence(Params params) {
    SessionService.View view = memberView(params);
    ArrayNode answer = JsonNodeFactory.instance.arrayNode();
    for (Member m : view.members()) {
      answer
          .addObject()
          .put(
              "status",
              presence.isOnline(m.getUserId()) || pages.isConnected(m.getUserId())
                  ? "online"
                  : "offline")
          .put("user_id", m.getUserId());
    }
    return answer;
  }

  /** The session, for its current members (and the service) only. */
  private SessionService.View memberView(Params params) {
    String sessionId = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
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
    String type = params.text("session_type", ErrorCode.SESSION_TYPE_INVALID, 20).trim();
    if (!type.matches("\\d{1,2}")) {
      throw new TlimException(ErrorCode.SESSION_TYPE_INVALID, "session_type " + type);
    }
    return Integer.parseInt(type);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
