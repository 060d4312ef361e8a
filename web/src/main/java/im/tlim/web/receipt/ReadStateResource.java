package im.tlim.web.receipt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.receipt.ReadStateService;
import im.tlim.session.SessionRepository;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** Read state (§五 27–30, 49). For a 1:1 chat, session_id is the peer's user id. */
@Path("")
@RequestScoped
public class ReadStateResource extends PluginResource {

  static final Parameter<String> UPDATE_MSG_STATUS_SESSION_ID =
      Parameter.sessionId()
          .describe(
              "A group's session id, or the peer's user id for a 1:1 chat. error-007 when missing; error-009 when unknown.")
          .example("673b15e889df4e4aaa33b46d1b433189");

  static final Parameter<String> UPDATE_MSG_STATUS_MSG_TO =
      Parameter.user("msg_to")
          .documentedRequired(true)
          .describe("The reader. error-008 when missing; error-014 when not a member.")
          .example("00f4aa18361c44d3b4c5dd444b76fe7e");

  static final Operation UPDATE_MSG_STATUS =
      Operation.of("updateMsgStatus", UPDATE_MSG_STATUS_SESSION_ID, UPDATE_MSG_STATUS_MSG_TO);

  static final Parameter<String> FIND_READ_MSG_SESSION_ID =
      Parameter.sessionId()
          .describe("The group's session id. error-007 when missing; error-009 when unknown.")
          .example("824a02a1-9ee4-4487-b56f-de5b4a29317f");

  static final Operation FIND_READ_MSG = Operation.of("findReadMsg", FIND_READ_MSG_SESSION_ID);

  static final Parameter<String> FIND_CHAT_READ_MSG_SESSION_ID =
      Parameter.sessionId()
          .describe("The peer's user id. error-007 when missing.")
          .example("673b15e889df4e4aaa33b46d1b433189");

  static final Parameter<String> FIND_CHAT_READ_MSG_MSG_TO =
      Parameter.user("msg_to")
          .documentedRequired(true)
          .describe(
              "The asking user. error-008 when missing; error-009 when the two have no 1:1 chat.")
          .example("00f4aa18361c44d3b4c5dd444b76fe7e");

  static final Operation FIND_CHAT_READ_MSG =
      Operation.of("findChatReadMsg", FIND_CHAT_READ_MSG_SESSION_ID, FIND_CHAT_READ_MSG_MSG_TO);

  static final Parameter<String> MSG_ID =
      Parameter.requiredId("msg_id", ErrorCode.FIELD_INVALID)
          .describe("The message. error-011 when missing; error-019 when unknown.")
          .example("c032ef6d-95df-44f7-a3e0-bdc0535122f9");

  static final Operation FIND_MSG_STATUS_LIST = Operation.of("findMsgStatusList", MSG_ID);

  static final Parameter<String> USER_ID =
      Parameter.user("user_id")
          .documentedRequired(true)
          .describe("The user. error-008 when missing.")
          .example("c66ddc90-5814-4afd-8598-8b37e3cb8f1a");

  static final Operation HAS_UNREAD = Operation.of("hasUnread", USER_ID);

  @EJB private ReadStateService readState;
  @EJB private SessionRepository sessions;

  @GET
  @Path("updateMsgStatus")
  public ObjectNode updateMsgStatus() {
    Params params = params();
    String sessionId = UPDATE_MSG_STATUS_SESSION_ID.in(params);
    String reader = self(params, UPDATE_MSG_STATUS_MSG_TO.name());
    requireMember(sessionId);
    readState.markAllRead(sessions.resolve(sessionId, reader), reader);
    return Answers.ok();
  }

  @GET
  @Path("findReadMsg")
  public ObjectNode findReadMsg() {
    Params params = params();
    String sessionId = FIND_READ_MSG_SESSION_ID.in(params);
    requireMember(sessionId);
    return readCounts(readState.readCounts(sessionId));
  }

  @GET
  @Path("findChatReadMsg")
  public ObjectNode findChatReadMsg() {
    Params params = params();
    String peer = FIND_CHAT_READ_MSG_SESSION_ID.in(params);
    // the pair of the caller and the peer: always theirs
    String user = self(params, FIND_CHAT_READ_MSG_MSG_TO.name());
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

  @GET
  @Path("findMsgStatusList")
  public ObjectNode findMsgStatusList() {
    Params params = params();
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("ofStatusList");
    String asker = caller().actingUser();
    for (ReadStateService.MemberStatus s : readState.statusList(MSG_ID.in(params), asker)) {
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

  @GET
  @Path("hasUnread")
  public ObjectNode hasUnread() {
    Params params = params();
    ObjectNode answer = Answers.ok();
    answer.put("data", readState.hasUnread(self(params, USER_ID.name())));
    return answer;
  }
}
