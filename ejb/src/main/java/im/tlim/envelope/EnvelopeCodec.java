package im.tlim.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes envelopes. The only place that knows the wire names of the envelope's fields and
 * the size limits of the original's field table (§二).
 */
public final class EnvelopeCodec {

  static final String COMPRESS = "compress";
  static final String ENCODE = "encode";
  static final String ENCRYPT = "encrypt";
  static final String VERSION = "version";
  static final String MSG_ID = "msg_id";
  static final String MSG_TIME = "msg_time";
  static final String MSG_FROM = "msg_from";
  static final String MSG_TO = "msg_to";
  static final String MSG_TYPE = "msg_type";
  static final String BODY = "body";

  /** Lenient reader: the original's documents use single quotes, bare keys, trailing commas. */
  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  static {
    // the byte limit is checked before parsing; this bounds nesting of what remains
    LENIENT
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  private static final ObjectMapper STRICT = JsonMapper.builder().build();

  /** Body fields the server looks rows up by: they must be storable text. */
  private static final java.util.List<String> BODY_IDS =
      java.util.List.of("session_id", "msg_id", "file_id");

  private EnvelopeCodec() {}

  /**
   * Parses and validates an envelope.
   *
   * @param text the XMPP body
   * @param maxBytes the largest accepted envelope, in UTF-8 bytes
   * @throws TlimException with the protocol's code, naming the msg_id when it was readable
   */
  public static Envelope read(String text, int maxBytes) {
    if (text == null || text.isBlank()) {
      throw new TlimException(ErrorCode.BODY_INVALID, "the message has no envelope");
    }
    // cheap bound first: a char is at most 3 UTF-8 bytes in the BMP
    if (text.length() > maxBytes
        || (text.length() * 3L > maxBytes
            && text.getBytes(StandardCharsets.UTF_8).length > maxBytes)) {
      throw new TlimException(ErrorCode.TOO_LARGE, "envelope over " + maxBytes + " bytes");
    }
    JsonNode root;
    try {
      root = LENIENT.readTree(text);
    } catch (JsonProcessingException e) {
      throw new TlimException(ErrorCode.JSON_INVALID, "unreadable JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new TlimException(ErrorCode.JSON_INVALID, "the envelope is not a JSON object");
    }
    String msgId = null;
    try {
      msgId = requiredString(root, MSG_ID, Envelope.MAX_ID_LENGTH);
      return read((ObjectNode) root, msgId);
    } catch (TlimException e) {
      throw msgId == null ? e : e.forMessage(msgId);
    }
  }

  private static Envelope read(ObjectNode root, String msgId) {
    String typeCode = optionalString(root, MSG_TYPE, 20, ErrorCode.MSG_TYPE_INVALID);
    MsgType type =
        MsgType.fromCode(typeCode)
            .orElseThrow(
                () -> new TlimException(ErrorCode.MSG_TYPE_INVALID, "msg_type " + typeCode));
    ArrayNode body = body(root.get(BODY), type);
    String compress = codec(root, COMPRESS, 20, Envelope.COMPRESS_NONE);
    String encode = codec(root, ENCODE, 20, Envelope.ENCODE_UTF8);
    String encrypt = codec(root, ENCRYPT, 50, Envelope.ENCRYPT_NONE);
    String version = optionalString(root, VERSION, 10, ErrorCode.FIELD_INVALID);
    String from = requiredString(root, MSG_FROM, Envelope.MAX_ID_LENGTH);
    String to = optionalString(root, MSG_TO, Envelope.MAX_ID_LENGTH, ErrorCode.FIELD_INVALID);
    String time = optionalString(root, MSG_TIME, 20, ErrorCode.FIELD_INVALID);
    long msgTime = time == null ? System.currentTimeMillis() : parseTime(time);
    return new Envelope(
        compress,
        encode,
        encrypt,
        version == null ? Envelope.VERSION : version,
        from,
        to == null ? "" : to,
        msgId,
        type,
        msgTime,
        body);
  }

  private static ArrayNode body(JsonNode node, MsgType type) {
    if (node == null || node.isNull()) {
      throw new TlimException(ErrorCode.BODY_INVALID, "no body");
    }
    if (node.isTextual()) {
      // some clients send the array as JSON text; accept it when it is one
      if (node.asText().isBlank()) {
        throw new TlimException(ErrorCode.BODY_INVALID, "empty body");
      }
      try {
        node = LENIENT.readTree(node.asText());
      } catch (JsonProcessingException e) {
        throw new TlimException(ErrorCode.BODY_NOT_ARRAY, "body is text but not a JSON array");
      }
    }
    if (!node.isArray()) {
      throw new TlimException(ErrorCode.BODY_NOT_ARRAY, "body is " + node.getNodeType());
    }
    ArrayNode body = (ArrayNode) node;
    if (body.isEmpty()) {
      throw new TlimException(ErrorCode.BODY_INVALID, "empty body");
    }
    for (JsonNode element : body) {
      if (!element.isObject()) {
        throw new TlimException(ErrorCode.BODY_INVALID, "body elements must be objects");
      }
    }
    for (String id : BODY_IDS) {
      JsonNode value = body.get(0).get(id);
      if (value != null && value.isTextual() && !isStorable(value.asText())) {
        throw new TlimException(
            ErrorCode.BODY_INVALID, "body." + id + " holds a NUL or an unpaired surrogate");
      }
    }
    String field = type.requiredBodyField();
    if (field != null) {
      JsonNode value = body.get(0).get(field);
      boolean present =
          value != null && ((value.isTextual() && !value.asText().isBlank()) || value.isNumber());
      if (!present) {
        throw new TlimException(ErrorCode.BODY_INVALID, type.code() + " needs body." + field);
      }
    }
    return body;
  }

  private static String codec(ObjectNode root, String field, int maxLength, String supported) {
    String value = optionalString(root, field, maxLength, ErrorCode.FIELD_INVALID);
    if (value != null && !value.equals(supported)) {
      throw new TlimException(
          ErrorCode.CODEC_UNSUPPORTED, field + " '" + value + "' (only '" + supported + "')");
    }
    return supported;
  }

  private static String requiredString(JsonNode root, String field, int maxLength) {
    String value = optionalString(root, field, maxLength, ErrorCode.FIELD_INVALID);
    if (value == null || value.isBlank()) {
      throw new TlimException(ErrorCode.FIELD_INVALID, field + " is missing");
    }
    return value;
  }

  /** A string field, or null when absent; wrong type or over-long is {@code failure}. */
  private static String optionalString(
      JsonNode root, String field, int maxLength, ErrorCode failure) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new TlimException(failure, field + " must be a string, was " + node.getNodeType());
    }
    String value = node.asText();
    if (value.length() > maxLength) {
      throw new TlimException(failure, field + " is longer than " + maxLength);
    }
    if (!isStorable(value)) {
      throw new TlimException(failure, field + " holds a NUL or an unpaired surrogate");
    }
    return value;
  }

  /**
   * Whether a text can be stored and sent as it is: PostgreSQL's text holds no NUL (a query with
   * one fails), and an unpaired surrogate is no character at all (it would be stored and sent as
   * '?', so the answer would not name the msg_id that was sent).
   */
  public static boolean isStorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static long parseTime(String time) {
    try {
      long value = Long.parseLong(time.trim());
      if (value < 0) {
        throw new NumberFormatException("negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new TlimException(ErrorCode.FIELD_INVALID, "msg_time must be epoch milliseconds");
    }
  }

  /** Serialises an envelope as strict JSON with the protocol's field names and order. */
  public static String write(Envelope envelope) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put(COMPRESS, envelope.compress());
    root.put(ENCODE, envelope.encode());
    root.put(ENCRYPT, envelope.encrypt());
    root.put(VERSION, envelope.version());
    root.put(MSG_FROM, envelope.msgFrom());
    root.put(MSG_TO, envelope.msgTo());
    root.put(MSG_ID, envelope.msgId());
    root.put(MSG_TYPE, envelope.msgType().code());
    root.put(MSG_TIME, Long.toString(envelope.msgTime()));
    root.set(BODY, envelope.body());
    return toJson(root);
  }

  /** The msg_id of envelope text as far as it can be read (for a refusal's answer), or null. */
  public static String msgIdOf(String text) {
    try {
      JsonNode msgId = readLenient(text).get(MSG_ID);
      return msgId != null && msgId.isTextual() ? msgId.asText() : null;
    } catch (JsonProcessingException | RuntimeException unreadable) {
      return null;
    }
  }

  /** Parses envelope JSON as {@link #write} made it, to address copies of it. */
  public static ObjectNode parseWritten(String json) {
    try {
      return (ObjectNode) STRICT.readTree(json);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not an envelope", e);
    }
  }

  /** The envelope with msg_to set to {@code recipient} (a group member's copy). */
  public static String addressedTo(ObjectNode envelope, String recipient) {
    envelope.put(MSG_TO, recipient);
    return toJson(envelope);
  }

  /** Reads JSON as leniently as envelopes are read (single quotes, bare keys, trailing commas). */
  public static JsonNode readLenient(String text) throws JsonProcessingException {
    return LENIENT.readTree(text);
  }

  /** Strict JSON text of a body array, as stored, that XML can carry (see {@link #xmlSafe}). */
  public static String toJson(JsonNode node) {
    try {
      return xmlSafe(STRICT.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * JSON text that can be the text of an XML element: U+FFFE, U+FFFF and unpaired surrogates
   * (allowed in a JSON string, not in XML) and the {@code >} of {@code ]]>} (not allowed in XML
   * text, and the stanza writer does not escape it) become JSON escapes (backslash, u, four hex
   * digits). Each of them can only stand inside a JSON string, where the escape means the same
   * character. Written as they are, they make the XMPP server close the service's stream, and every
   * user loses it. Jackson escapes the control characters itself.
   */
  static String xmlSafe(String json) {
    StringBuilder out = null;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean escape;
      if (Character.isHighSurrogate(c)) {
        escape = i + 1 == json.length() || !Character.isLowSurrogate(json.charAt(i + 1));
        if (!escape) {
          if (out != null) {
            out.append(c).append(json.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        escape =
            Character.isLowSurrogate(c)
                || c == '\uFFFE'
                || c == '\uFFFF'
                || (c == '>' && i >= 2 && json.charAt(i - 1) == ']' && json.charAt(i - 2) == ']');
      }
      if (escape && out == null) {
        out = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (out != null) {
        if (escape) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? json : out.toString();
  }

  /** Parses stored strict JSON back into an array. */
  public static ArrayNode parseStoredBody(String json) {
    try {
      return (ArrayNode) STRICT.readTree(json);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("stored body is not a JSON array", e);
    }
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }
}
