package im.tlim.web.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.message.ChatMessage;
import im.tlim.message.HistoryPage;
import im.tlim.message.MessageService;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.answer.MessageJson;
import im.tlim.web.api.param.Params;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

  @EJB private MessageService messages;

  @GET
  @Path("findChatHistory")
  public ObjectNode findChatHistory() {
    return findChatHistory(query());
  }

  @POST
  @Path("findChatHistory")
  public ObjectNode findChatHistory(String body) {
    return findChatHistory(form(body));
  }

  @GET
  @Path("findSessionHistory")
  public ObjectNode findSessionHistory() {
    return findSessionHistory(query());
  }

  @POST
  @Path("findSessionHistory")
  public ObjectNode findSessionHistory(String body) {
    return findSessionHistory(form(body));
  }

  @GET
  @Path("clearChatHistory")
  public ObjectNode clearChatHistory() {
    return clearChatHistory(query());
  }

  @POST
  @Path("clearChatHistory")
  public ObjectNode clearChatHistory(String body) {
    return clearChatHistory(form(body));
  }

  private ObjectNode findChatHistory(Params params) {
    String peer = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
    String user = self(params, "user_id");
    HistoryPage page =
        messages.chatHistory(
            user, peer, start(params), length(params), params.optionalText("before_msg_id", 64));
    return answer(peer, user, page, false);
  }

  private ObjectNode findSessionHistory(Params params) {
    String sessionId = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
    // current and former members read a group's history (MessageService checks)
    String user = self(params, "user_id");
    HistoryPage page =
        messages.sessionHistory(
            sessionId,
            user,
            start(params),
            length(params),
            params.optionalText("before_msg_id", 64));
    return answer(sessionId, user, page, true);
  }

  private ObjectNode clearChatHistory(Params params) {
    String user = self(params, "user_id");
    String other = params.text("other_id", ErrorCode.USER_ID_EMPTY, 64);
    messages.clearChatHistory(user, other);
    return Answers.ok();
  }

  private static int start(Params params) {
    // OFFSET reads and drops every row it skips: deeper pages use the before_msg_id cursor
    return params.integer("start", 0, 0, MAX_START);
  }

  private static int length(Params params) {
    return params.is("length", "max")
        ? Integer.MAX_VALUE
        : params.integer("length", DEFAULT_PAGE, 1, Integer.MAX_VALUE);
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
