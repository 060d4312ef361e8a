package im.tlim.web.history;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.message.ChatMessage;
import im.tlim.message.HistoryPage;
import im.tlim.message.MessageService;
import im.tlim.web.api.Answers;
import im.tlim.web.api.MessageJson;
import im.tlim.web.api.Params;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code findChatHistory}: the 1:1 history between {@code user_id} and the peer named by {@code
 * session_id}, newest first, paged by {@code start}/{@code length}.
 */
@Path("findChatHistory")
@RequestScoped
@Produces(Answers.JSON_UTF8)
public class ChatHistoryResource {

  static final int DEFAULT_PAGE = 20;

  @EJB private MessageService messages;
  @Context private UriInfo uri;

  @GET
  public ObjectNode get() {
    return find(Params.of(uri));
  }

  @POST
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
  public ObjectNode post(@Context HttpHeaders headers, String body) {
    return find(Params.of(uri, headers.getMediaType(), body));
  }

  private ObjectNode find(Params params) {
    String peer = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
    String user = params.text("user_id", ErrorCode.USER_ID_EMPTY, 64);
    int start = params.integer("start", 0, 0, Integer.MAX_VALUE);
    int length =
        params.is("length", "max")
            ? Integer.MAX_VALUE
            : params.integer("length", DEFAULT_PAGE, 1, Integer.MAX_VALUE);
    HistoryPage page = messages.chatHistory(user, peer, start, length);

    ObjectNode answer = Answers.ok();
    answer.put("session_id", peer);
    answer.put("total", page.total());
    ArrayNode list = answer.putArray("message_list");
    for (ChatMessage m : page.messages()) {
      list.add(MessageJson.of(m));
    }
    return answer;
  }
}
