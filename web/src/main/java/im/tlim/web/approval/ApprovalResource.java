package im.tlim.web.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.approval.ApprovalService;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * approval (§五 43): {@code params} — a JSON array of {bizId, docTitle, solId, spType, wzType,
 * taskId} — becomes an MTB-000 to {@code msg_to}. approvalBack (§五 44): {@code params} — one object
 * {taskId, actId, comment, fieldName, userId, bizId} — becomes an MTB-000 to its {@code userId}.
 * Both are queued on {@code tlim.approval} and answered once queued. For the service role only: the
 * approval system calls them, not users.
 */
@Path("")
@RequestScoped
public class ApprovalResource extends PluginResource {

  static final Parameter<JsonNode> APPROVAL_PARAMS =
      Parameter.jsonArray("params", null)
          .documentedRequired(true)
          .describe(
              "JSON array of {bizId, docTitle, solId, spType, wzType, taskId} (JSON text in a query or form).")
          .exampleJson(
              "[{\"bizId\":\"b1\",\"docTitle\":\"Travel\",\"solId\":\"s1\",\"spType\":\"1052M001\",\"wzType\":\"\",\"taskId\":\"t1\"}]");

  static final Parameter<String> MSG_TO =
      Parameter.requiredId("msg_to", ErrorCode.USER_ID_EMPTY)
          .describe("The recipient's user id. error-008 when missing; error-013 when unknown.")
          .example("bob");

  static final Operation APPROVAL = Operation.of("approval", APPROVAL_PARAMS, MSG_TO);

  static final Parameter<JsonNode> APPROVAL_BACK_PARAMS =
      Parameter.jsonObject("params")
          .documentedRequired(true)
          .describe(
              "One JSON object {taskId, actId, comment, fieldName, userId, bizId}; userId names the recipient.")
          .exampleJson(
              "{\"taskId\":\"t1\",\"actId\":\"a1\",\"comment\":\"fix it\",\"fieldName\":\"\",\"userId\":\"bob\",\"bizId\":\"b1\"}");

  static final Operation APPROVAL_BACK = Operation.of("approvalBack", APPROVAL_BACK_PARAMS);

  @EJB private ApprovalService approvals;

  @GET
  @Path("approval")
  public ObjectNode approval() {
    Params params = params();
    caller().requireService();
    JsonNode list = APPROVAL_PARAMS.in(params);
    approvals.submit(MSG_TO.in(params), (ArrayNode) list);
    return Answers.ok();
  }

  @GET
  @Path("approvalBack")
  public ObjectNode approvalBack() {
    Params params = params();
    caller().requireService();
    JsonNode object = APPROVAL_BACK_PARAMS.in(params);
    if (object == null) {
      throw new TlimException(ErrorCode.BODY_INVALID, "params is missing");
    }
    JsonNode user = object.get("userId");
    if (user == null || !user.isTextual() || user.asText().isBlank()) {
      throw new TlimException(ErrorCode.USER_ID_EMPTY, "params.userId is missing");
    }
    ArrayNode body = JsonNodeFactory.instance.arrayNode();
    body.add(object);
    approvals.submit(Params.storable("params.userId", user.asText()), body);
    return Answers.ok();
  }
}
