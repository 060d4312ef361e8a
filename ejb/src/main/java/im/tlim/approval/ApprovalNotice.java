package im.tlim.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One approval notice as the approval queue carries it: {@code {"msg_to": "<user>", "params": [
 * {bizId, docTitle, solId, spType, wzType, taskId}, … ]}} (the original's fields, passed through as
 * the MTB-000 body).
 */
public record ApprovalNotice(String msgTo, ArrayNode params) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public String toJson() {
    return JSON.createObjectNode()
        .put("msg_to", msgTo)
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("params", params)
        .toString();
  }

  /**
   * @throws IllegalArgumentException when the text is not a notice (a poison message)
   */
  public static ApprovalNotice fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      JsonNode to = root == null ? null : root.get("msg_to");
      JsonNode params = root == null ? null : root.get("params");
      if (to == null
          || !to.isTextual()
          || to.asText().isBlank()
          || params == null
          || !params.isArray()
          || params.isEmpty()) {
        throw new IllegalArgumentException(
            "an approval notice needs msg_to and a non-empty params array");
      }
      return new ApprovalNotice(to.asText(), (ArrayNode) params);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an approval notice: " + e.getOriginalMessage(), e);
    }
  }
}
