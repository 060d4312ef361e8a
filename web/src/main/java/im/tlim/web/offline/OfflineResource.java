package im.tlim.web.offline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.offline.OfflineService;
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
 * {@code getOffline} (the offline store in commit order, cleared up to the message the client
 * acknowledges, or as read) and {@code syncMessage} (everything committed after a message). Both
 * answer bounded pages; {@code has_more} tells the client to ask again.
 */
@Path("")
@RequestScoped
public class OfflineResource extends PluginResource {

  static final int MAX_PAGE = 1000;
  static final int DEFAULT_PAGE = 100;

  static final Parameter<String> USER_ID =
      Parameter.user("user_id")
          .documentedRequired(true)
          .describe("The user. error-008 when missing.")
          .example("cbf90f1bcc9f412eb2c8a0c0dc138ed8");

  static final Parameter<Integer> GET_THEN_CLEAR =
      Parameter.integer("getThenClear", 0, 0, 1)
          .describe("0 get and clear (default), 1 get only. error-026 otherwise.")
          .example(0);

  static final Parameter<Integer> LENGTH =
      Parameter.integer("length", DEFAULT_PAGE, 1, MAX_PAGE)
          .describe(
              "Added by tlim: page size, 1–1000 (default 100); `has_more` says whether to call again.")
          .example(100);

  static final Parameter<String> GET_OFFLINE_MSG_ID =
      Parameter.optionalId("msg_id")
          .describe(
              "The acknowledgement: the last `msg_id` of a page the client has; it and every entry before it in commit order are cleared before the page is read. error-019 when no such message.")
          .example("f970faad-9190-4b39-9f7b-b897db2a2595");

  static final Operation GET_OFFLINE =
      Operation.of("getOffline", USER_ID, GET_THEN_CLEAR, LENGTH, GET_OFFLINE_MSG_ID);

  static final Parameter<String> MSG_TO =
      Parameter.user("msg_to")
          .documentedRequired(true)
          .describe("The user. error-008 when missing.")
          .example("cbf90f1bcc9f412eb2c8a0c0dc138ed8");

  static final Parameter<String> SYNC_MESSAGE_MSG_ID =
      Parameter.optionalId("msg_id")
          .describe(
              "The cursor: the last `msg_id` of a previous syncMessage or getOffline answer. error-019 when unknown.")
          .example("f970faad-9190-4b39-9f7b-b897db2a2595");

  static final Operation SYNC_MESSAGE =
      Operation.of("syncMessage", MSG_TO, SYNC_MESSAGE_MSG_ID, LENGTH);

  @EJB private OfflineService offline;

  @GET
  @Path("getOffline")
  public ObjectNode getOffline() {
    Params params = params();
    String user = self(params, USER_ID.name());
    // 0: get and clear (the original's default), 1: get only
    int getThenClear = GET_THEN_CLEAR.in(params);
    int length = LENGTH.in(params);
    // the client's acknowledgement: the last msg_id of a page it has; cleared before the next
    String acknowledged = GET_OFFLINE_MSG_ID.in(params);
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

  @GET
  @Path("syncMessage")
  public ObjectNode syncMessage() {
    Params params = params();
    String user = self(params, MSG_TO.name());
    String after = SYNC_MESSAGE_MSG_ID.in(params);
    int length = LENGTH.in(params);
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
