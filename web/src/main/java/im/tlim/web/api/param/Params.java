package im.tlim.web.api.param;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of one HTTP call, read as the types an operation needs (text, whole numbers, JSON
 * lists and objects, user ids), each failing with the protocol's code when the value does not fit.
 * Where they came from is {@link RequestParams}'s business; values from a JSON body keep their JSON
 * type, the rest are text.
 */
public final class Params {

  private final Map<String, JsonNode> values;

  Params(Map<String, JsonNode> values) {
    this.values = values;
  }

  /** The fields of one JSON object, as parameters (an element of a list parameter). */
  public static Params ofObject(JsonNode object) {
    if (object == null || !object.isObject()) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, "expected a JSON object");
    }
    Map<String, JsonNode> values = new HashMap<>();
    object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    return new Params(values);
  }

  /** A JSON array parameter (or JSON text of one), or null when absent. */
  public JsonNode jsonArray(String name) {
    return json(name, JsonNode::isArray, "a JSON array");
  }

  /** A JSON object parameter (or JSON text of one), or null when absent. */
  public JsonNode jsonObject(String name) {
    return json(name, JsonNode::isObject, "a JSON object");
  }

  private JsonNode json(String name, java.util.function.Predicate<JsonNode> isKind, String kind) {
    JsonNode node = values.get(name);
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      return null;
    }
    if (node.isTextual()) {
      try {
        node = EnvelopeCodec.readLenient(node.asText());
      } catch (JsonProcessingException e) {
        throw new TlimException(ErrorCode.PARAMETER_INVALID, name + " is not " + kind);
      }
    }
    if (node == null || !isKind.test(node)) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, name + " is not " + kind);
    }
    return node;
  }

  /**
   * A required text parameter.
   *
   * @param missing the code to fail with when it is absent or empty
   */
  public String text(String name, ErrorCode missing, int maxLength) {
    String value = optionalText(name, maxLength);
    if (value == null || value.isBlank()) {
      throw new TlimException(missing, name + " is missing");
    }
    return value;
  }

  /**
   * A new user's id: the service addresses the user as {@code <id>@<domain>}, so the id must be an
   * XMPP localpart. Whitespace, control characters and {@code " & ' / : < > @} (RFC 7622 excludes
   * them) are error-026: with a {@code /} or an {@code @} the address does not even parse, and
   * every stanza to it (the presence probe after each start) breaks the service's component stream;
   * with a {@code :} the id makes 1:1 pair keys ({@code p:<a>:<b>}) ambiguous.
   */
  public static String userId(String name, String value) {
    // one rule for every place an id enters (im.tlim.user.UserIds)
    if (!im.tlim.user.UserIds.isAddressable(value)) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID, name + " cannot be an XMPP address's local part");
    }
    return value;
  }

  /** An optional text parameter, or null. */
  public String optionalText(String name, int maxLength) {
    JsonNode node = values.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isContainerNode()) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, name + " must be text");
    }
    String value = node.asText();
    if (value.length() > maxLength) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, name + " is longer than " + maxLength);
    }
    return storable(name, value);
  }

  /**
   * The value, when the database can keep it: text with a NUL (which fails the query: a 500) or an
   * unpaired surrogate (kept as '?') is error-026.
   */
  public static String storable(String name, String value) {
    if (!EnvelopeCodec.isStorable(value)) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID, name + " holds a NUL or an unpaired surrogate");
    }
    return value;
  }

  /** A whole number within [min, max], or the fallback when absent or empty. */
  public int integer(String name, int fallback, int min, int max) {
    JsonNode node = values.get(name);
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
      return fallback;
    }
    long value;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      value = node.asLong();
    } else if (node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")) {
      value = Long.parseLong(node.asText().trim());
    } else {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, name + " must be a whole number");
    }
    if (value < min || value > max) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID, name + " must be between " + min + " and " + max);
    }
    return (int) value;
  }

  /**
   * A list of user ids: a JSON array (or JSON text of one) of {@code {user_id: …}} objects or of
   * plain ids. Empty when absent.
   */
  public java.util.List<String> userIds(String name) {
    JsonNode node = jsonArray(name);
    if (node == null) {
      return java.util.List.of();
    }
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (JsonNode item : node) {
      ids.add(listedUserId(name, item.isObject() ? item.get("user_id") : item));
    }
    return ids;
  }

  /**
   * A user id in the list {@code name}: text of 1–64 characters that can be stored, else error-026.
   */
  private static String listedUserId(String name, JsonNode id) {
    if (id == null
        || !id.isTextual()
        || id.asText().isBlank()
        || id.asText().length() > Envelope.MAX_ID_LENGTH) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, name + " has an invalid user_id");
    }
    return storable(name, id.asText());
  }

  /** One entry of modifySession's subscribers: {@code {user_id, type: add|del}}. */
  public record Change(String userId, boolean add) {}

  /** modifySession's subscribers list; an entry without a type adds. */
  public java.util.List<Change> memberChanges(String name) {
    JsonNode node = jsonArray(name);
    if (node == null) {
      return java.util.List.of();
    }
    java.util.List<Change> changes = new java.util.ArrayList<>();
    for (JsonNode item : node) {
      String id = listedUserId(name, item.get("user_id"));
      JsonNode type = item.get("type");
      String t = type == null || type.isNull() ? "add" : type.asText();
      if (!t.equals("add") && !t.equals("del")) {
        throw new TlimException(ErrorCode.PARAMETER_INVALID, name + " type must be add or del");
      }
      changes.add(new Change(id, t.equals("add")));
    }
    return changes;
  }

  /** Whether the parameter is the given word (e.g. {@code length=max}). */
  public boolean is(String name, String word) {
    JsonNode node = values.get(name);
    return node != null && node.isTextual() && word.equalsIgnoreCase(node.asText().trim());
  }
}
