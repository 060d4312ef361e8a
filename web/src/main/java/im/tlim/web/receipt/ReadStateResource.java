package im.tlim.web.receipt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.receipt.ReadStateService;
import im.tlim.session.SessionRepository;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;

/** Read state (§五 27–30, 49). For a 1:1 chat, session_id is the peer's user id. */
@Path("")
@RequestScoped
public class ReadStateResource extends PluginResource {

  @EJB private ReadStateService readState;
  @EJB private SessionRepository sessions;

  @GET
  @Path("updateMsgStatus")
  public ObjectNode updateMsgStatus() {
    return updateMsgStatus(query());
  }

  @POST
  @Path("updateMsgStatus")
  public ObjectNode updateMsgStatus(String body) {
    return updateMsgStatus(form(body));
  }

  @GET
  @Path("findReadMsg")
  public ObjectNode findReadMsg() {
    return findReadMsg(query());
  }

  @POST
  @Path("findReadMsg")
  public ObjectNode findReadMsg(String body) {
    return findReadMsg(form(body));
  }

  @GET
  @Path("findChatReadMsg")
  public ObjectNode findChatReadMsg() {
    return findChatReadMsg(query());
  }

  @POST
  @Path("findChatReadMsg")
  public ObjectNode findChatReadMsg(String body) {
    return findChatReadMsg(form(body));
  }

  @GET
  @Path("findMsgStatusList")
  public ObjectNode findMsgStatusList() {
    return findMsgStatusList(query());
  }

  @POST
  @Path("findMsgStatusList")
  public ObjectNode findMsgStatusList(String body) {
    return findMsgStatusList(form(body));
  }

  @GET
  @Path("hasUnread")
  public ObjectNode hasUnread() {
    return hasUnread(query());
  }

  @POST
  @Path("hasUnread")
  public ObjectNode hasUnread(String body) {
    return hasUnread(form(body));
  }

  private ObjectNode updateMsgStatus(Params params) {
    String sessionId = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
    String reader = self(params, "msg_to");
    requireMember(sessionId);
    readState.markAllRead(sessions.resolve(sessionId, reader), reader);
    return Answers.ok();
  }

  private ObjectNode findReadMsg(Params params) {
    String sessionId = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
    requireMember(sessionId);
    return readCounts(readState.readCounts(sessionId));
  }

  private ObjectNode findChatReadMsg(Params params) {
    String peer = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
    String user = self(params, "msg_to"); // the pair of the caller and the peer: always theirs
    return readCounts(readState.chatReadCounts(user, peer));
  }

  private static ObjectNode readCounts(List<ReadStateService.ReadCount> counts) {
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("sessionReads");
    for (ReadStateService.ReadCount count : counts) {
      list.addObject().put("msg_id", count.msgId()).put("readNum", count.readers());
    }
    return answer;
  }

  private ObjectNode findMsgStatusList(Params params) {
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("ofStatusList");
    String asker = caller().actingUser();
    for (ReadStateService.MemberStatus s :
        readState.statusList(params.text("msg_id", ErrorCode.FIELD_INVALID, 64), asker)) {
      list.addObject()
          .put("id_", 0) // the original's per-recipient row id; status now lives on the member
          .put("msg_id", s.message().getMsgId())
          .put("msg_to", s.memberId())
          .put("msg_type", s.message().getMsgType())
          .put("session_id", s.sessionId()) // a 1:1 chat's: the peer as the asker sees it
          .put("status", s.status());
    }
    return answer;
  }

  private ObjectNode hasUnread(Params params) {
    ObjectNode answer = Answers.ok();
    answer.put("data", readState.hasUnread(self(params, "user_id")));
    return answer;
  }
}
