package im.tlim.web.offline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.offline.OfflineService;
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
 * {@code getOffline} (the offline store in commit order, cleared up to the message the client
 * acknowledges, or as read) and {@code syncMessage} (everything committed after a message). Both
 * answer bounded pages; {@code has_more} tells the client to ask again.
 */
@Path("")
@RequestScoped
public class OfflineResource extends PluginResource {

  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;

  @EJB private OfflineService offline;

  @GET
  @Path("getOffline")
  public ObjectNode getOffline() {
    return getOffline(query());
  }

  @POST
  @Path("getOffline")
  public ObjectNode getOffline(String body) {
    return getOffline(form(body));
  }

  @GET
  @Path("syncMessage")
  public ObjectNode syncMessage() {
    return syncMessage(query());
  }

  @POST
  @Path("syncMessage")
  public ObjectNode syncMessage(String body) {
    return syncMessage(form(body));
  }

  private ObjectNode getOffline(Params params) {
    String user = self(params, "user_id");
    // 0: get and clear (the original's default), 1: get only
    int getThenClear = params.integer("getThenClear", 0, 0, 1);
    int length = params.integer("length", DEFAULT_PAGE, 1, MAX_PAGE);
    // the client's acknowledgement: the last msg_id of a page it has; cleared before the next
    String acknowledged = params.optionalText("msg_id", 64);
    OfflineService.Page page = offline.offline(user, acknowledged, length, getThenClear == 0);
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("message_list");
    for (OfflineService.Copy copy : page.copies()) {
      ObjectNode item = MessageJson.of(copy.message());
      item.put("msg_to", copy.msgTo());
      item.put("recv", copy.recv());
      list.add(item);
    }
    answer.put("has_more", page.hasMore());
    return answer;
  }

  private ObjectNode syncMessage(Params params) {
    String user = self(params, "msg_to");
    String after = params.optionalText("msg_id", 64);
    int length = params.integer("length", DEFAULT_PAGE, 1, MAX_PAGE);
    OfflineService.Page page = offline.after(user, after, length);
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("messageList"); // sic: the original's name for this list
    for (OfflineService.Copy copy : page.copies()) {
      ObjectNode item = MessageJson.of(copy.message());
      item.put("msg_to", copy.msgTo());
      list.add(item);
    }
    answer.put("has_more", page.hasMore());
    return answer;
  }
}
