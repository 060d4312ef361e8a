package im.tlim.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * One copy of an envelope to send to one user: the JMS payload, as JSON text.
 *
 * @param to the recipient's user id
 * @param resource one device's resource, or null for the user's bare address
 * @param location the sender's device class for the {@code <tlim location>} extension, or null
 * @param envelope the envelope JSON
 */
public record Delivery(String to, String resource, String location, String envelope) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a delivery always serialises", e);
    }
  }

  /**
   * @throws IllegalArgumentException when the text is not a delivery (a poison message)
   */
  public static Delivery fromJson(String json) {
    try {
      Delivery delivery = JSON.readValue(json, Delivery.class);
      if (delivery.to() == null || delivery.envelope() == null) {
        throw new IllegalArgumentException("delivery without recipient or envelope");
      }
      return delivery;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a delivery: " + e.getOriginalMessage(), e);
    }
  }
}
