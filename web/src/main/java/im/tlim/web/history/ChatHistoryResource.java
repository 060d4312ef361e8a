package im.tlim.web.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.message.ChatMessage;
import im.tlim.message.HistoryPage;
import im.tlim.message.HistoryService;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.answer.MessageJson;
import im.tlim.web.api.param.Params;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * History: findChatHistory (1:1; its session_id is the peer's user id), findSessionHistory
 * (groups), clearChatHistory. Newest first, paged by {@code start}/{@code length} ({@code
 * length=max} allowed, capped by the server's page limit) or by the {@code before_msg_id} cursor.
 */
@Path("")
@RequestScoped
public class ChatHistoryResource extends PluginResource {

  static final int DEFAULT_PAGE = 20;

  /** The largest {@code start} (error-026 above it). */
  static final int MAX_START = 10_000;

  static final Parameter<String> FIND_CHAT_HISTORY_SESSION_ID =
      Parameter.sessionId()
          .describe("The peer's user id. error-007 when missing.")
          .example("673b15e889df4e4aaa33b46d1b433189");

  static final Parameter<String> FIND_CHAT_HISTORY_USER_ID =
      Parameter.user("user_id")
          .documentedRequired(true)
          .describe("The asking user. error-008 when missing.")
          .example("00f4aa18361c44d3b4c5dd444b76fe7e");

  static final Parameter<Integer> START =
      Parameter.integer("start", 0, 0, MAX_START)
          .describe(
              "How many of the newest messages to skip (counted from `before_msg_id` when given), at most 10000. error-026 when not a whole number from 0 to 10000; page deeper with `before_msg_id`.")
          .example(0);

  static final Parameter<Integer> LENGTH =
      Parameter.integerOrWord(
              "length", "max", Integer.MAX_VALUE, DEFAULT_PAGE, 1, Integer.MAX_VALUE)
          .describe(
              "Page size ≥ 1, or `max`; either way capped at the server's `tlim.history.max-page` (1000). Default 20.")
          .example(10);

  static final Parameter<String> BEFORE_MSG_ID =
      Parameter.optionalId("before_msg_id")
          .describe(
              "Added by tlim: a cursor. The page starts just before this message of the same chat (error-019 when it is not one). Cheaper than a large `start` for deep paging.");

  static final Operation FIND_CHAT_HISTORY =
      Operation.of(
          "findChatHistory",
          FIND_CHAT_HISTORY_SESSION_ID,
          FIND_CHAT_HISTORY_USER_ID,
          START,
          LENGTH,
          BEFORE_MSG_ID);

  static final Parameter<String> FIND_SESSION_HISTORY_SESSION_ID =
      Parameter.sessionId()
          .describe("The group's session id. error-007 when missing; error-009 when unknown.")
          .example("824a02a1-9ee4-4487-b56f-de5b4a29317f");

  static final Parameter<String> FIND_SESSION_HISTORY_USER_ID =
      Parameter.user("user_id")
          .documentedRequired(true)
          .describe(
              "The asking user; must have belonged to the session (error-014). error-008 when missing.")
          .example("11ae67223bb5430d8c969fd525a2be96");

  static final Operation FIND_SESSION_HISTORY =
      Operation.of(
          "findSessionHistory",
          FIND_SESSION_HISTORY_SESSION_ID,
          FIND_SESSION_HISTORY_USER_ID,
          START,
          LENGTH,
          BEFORE_MSG_ID);

  static final Parameter<String> CLEAR_CHAT_HISTORY_USER_ID =
      Parameter.user("user_id")
          .documentedRequired(true)
          .describe("One of the two users. error-008 when missing.")
          .example("00f4aa18361c44d3b4c5dd444b76fe7e");

  static final Parameter<String> OTHER_ID =
      Parameter.requiredId("other_id", ErrorCode.USER_ID_EMPTY)
          .describe(
              "The other user. error-008 when missing; error-009 when the two have no 1:1 chat.")
          .example("673b15e889df4e4aaa33b46d1b433189");

  static final Operation CLEAR_CHAT_HISTORY =
      Operation.of("clearChatHistory", CLEAR_CHAT_HISTORY_USER_ID, OTHER_ID);

  @EJB private HistoryService history;

  @GET
  @Path("findChatHistory")
  public ObjectNode findChatHistory() {
    Params params = params();
    String peer = FIND_CHAT_HISTORY_SESSION_ID.in(params);
    String user = self(params, FIND_CHAT_HISTORY_USER_ID.name());
    HistoryPage page =
        history.chatHistory(user, peer, start(params), length(params), BEFORE_MSG_ID.in(params));
    return answer(peer, user, page, false);
  }

  @GET
  @Path("findSessionHistory")
  public ObjectNode findSessionHistory() {
    Params params = params();
    String sessionId = FIND_SESSION_HISTORY_SESSION_ID.in(params);
    // current and former members read a group's history (MessageService checks)
    String user = self(params, FIND_SESSION_HISTORY_USER_ID.name());
    HistoryPage page =
        history.sessionHistory(
            sessionId, user, start(params), length(params), BEFORE_MSG_ID.in(params));
    return answer(sessionId, user, page, true);
  }

  @GET
  @Path("clearChatHistory")
  public ObjectNode clearChatHistory() {
    Params params = params();
    String user = self(params, CLEAR_CHAT_HISTORY_USER_ID.name());
    String other = OTHER_ID.in(params);
    history.clearChatHistory(user, other);
    return Answers.ok();
  }

  private static int start(Params params) {
    // OFFSET reads and drops every row it skips: deeper pages use the before_msg_id cursor
    return START.in(params);
  }

  private static int length(Params params) {
    return LENGTH.in(params);
  }

  /**
   * @param reader who asks: a group message's msg_to is the reader, as in their copy (SPEC §3)
   */
  private static ObjectNode answer(
      String sessionId, String reader, HistoryPage page, boolean withSessionId) {
    ObjectNode answer = Answers.ok();
    answer.put("session_id", sessionId);
    answer.put("total", page.total());
    ArrayNode list = answer.putArray("message_list");
    for (ChatMessage m : page.messages()) {
      ObjectNode item = MessageJson.of(m);
      if (withSessionId) {
        item.put("msg_to", reader);
        item.put("session_id", sessionId);
      }
      list.add(item);
    }
    return answer;
  }
}
