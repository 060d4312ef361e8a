package im.tlim.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A push to a user's phone: who, which registration, and which message (no content: the app fetches
 * it with getOffline). The JMS payload, and the JSON body POSTed to the push gateway.
 */
public record PushNotice(
    String userId, String registrationId, String msgId, String msgType, String msgFrom) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a push notice always serialises", e);
    }
  }

  /**
   * @throws IllegalArgumentException when the text is not a notice (a poison message)
   */
  public static PushNotice fromJson(String json) {
    try {
      return JSON.readValue(json, PushNotice.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a push notice: " + e.getOriginalMessage(), e);
    }
  }
}
