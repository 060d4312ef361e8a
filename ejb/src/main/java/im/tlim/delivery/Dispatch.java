package im.tlim.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * One envelope to send to the online devices of some users: the JMS payload, as JSON text.
 *
 * @param envelope the envelope JSON
 * @param location the sender's device class for the {@code <tlim location>} extension, or null
 * @param recipients users whose every online device gets a copy
 * @param addressEach whether each recipient's copy has its msg_to set to that recipient
 * @param echoUser a user whose other devices get a copy (the sender), or null
 * @param echoExceptResource the echo user's resource that sent it, which gets no copy
 * @param stored the stored message this carries, or null for what is only forwarded (receipts):
 *     recipients with no device online may get a push for a stored one, and a stored one is checked
 *     against the store when it is sent (see {@link SessionOrder})
 */
public record Dispatch(
    String envelope,
    String location,
    List<String> recipients,
    boolean addressEach,
    String echoUser,
    String echoExceptResource,
    Stored stored) {

  /**
   * The stored message a dispatch carries: what a push about it names, and where it stands in its
   * session.
   *
   * @param sessionId the session it is stored in
   * @param seq its number in the session, or null for a copy queued out of the session's order (a
   *     resend's catch-up), which is sent whenever it comes
   */
  public record Stored(String msgId, String msgType, String msgFrom, String sessionId, Long seq) {

    /** Whether copies of it keep the session's order (and are checked against the store). */
    public boolean inOrder() {
      return sessionId != null && seq != null;
    }
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** An envelope for some users' online devices, as it is, not stored. */
  public static Dispatch to(List<String> recipients, String envelope, String location) {
    return new Dispatch(envelope, location, recipients, false, null, null, null);
  }

  /** The same, with a copy to the sender's other devices. */
  public Dispatch echoingTo(String user, String exceptResource) {
    return new Dispatch(envelope, location, recipients, addressEach, user, exceptResource, stored);
  }

  private static final TypeReference<List<Dispatch>> LIST = new TypeReference<>() {};

  /** One JMS payload: a single dispatch as an object, several as an array, in order. */
  public static String listToJson(List<Dispatch> dispatches) {
    try {
      return JSON.writeValueAsString(dispatches.size() == 1 ? dispatches.get(0) : dispatches);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a dispatch always serialises", e);
    }
  }

  /**
   * The dispatches of one JMS payload, in order.
   *
   * @throws IllegalArgumentException when the text is not a dispatch or an array of them (a poison
   *     message)
   */
  public static List<Dispatch> listFromJson(String json) {
    try {
      String text = json.stripLeading();
      List<Dispatch> dispatches =
          text.startsWith("[")
              ? JSON.readValue(text, LIST)
              : List.of(JSON.readValue(text, Dispatch.class));
      for (Dispatch dispatch : dispatches) {
        if (dispatch == null || dispatch.envelope() == null || dispatch.recipients() == null) {
          throw new IllegalArgumentException("dispatch without envelope or recipients");
        }
      }
      return dispatches;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a dispatch: " + e.getOriginalMessage(), e);
    }
  }
}
