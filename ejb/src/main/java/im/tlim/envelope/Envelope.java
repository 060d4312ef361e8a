package im.tlim.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One envelope, validated. {@code body} is the JSON array as received (never null, never empty);
 * {@code msgTime} is the sender's epoch milliseconds.
 */
public record Envelope(
    String compress,
    String encode,
    String encrypt,
    String version,
    String msgFrom,
    String msgTo,
    String msgId,
    MsgType msgType,
    long msgTime,
    ArrayNode body) {

  public static final String COMPRESS_NONE = "0";
  public static final String ENCODE_UTF8 = "1";
  public static final String ENCRYPT_NONE = "0";
  public static final String VERSION = "2.0.0";

  /**
   * The longest id the protocol carries: msg_id, msg_from and msg_to, and so every user id, message
   * id and file id (the width of their columns) and a group's session id (a UUID).
   */
  public static final int MAX_ID_LENGTH = 64;

  /** A server-built envelope with the default codec fields. */
  public static Envelope of(
      String msgFrom, String msgTo, String msgId, MsgType type, long msgTime, ArrayNode body) {
    return new Envelope(
        COMPRESS_NONE,
        ENCODE_UTF8,
        ENCRYPT_NONE,
        VERSION,
        msgFrom,
        msgTo,
        msgId,
        type,
        msgTime,
        body);
  }

  /** The first body element (validated envelopes have at least one). */
  public ObjectNode firstBodyElement() {
    return (ObjectNode) body.get(0);
  }

  /** A text field of the first body element, or null. */
  public String bodyText(String field) {
    var node = firstBodyElement().get(field);
    return node != null && node.isTextual() ? node.asText() : null;
  }

  /** The same envelope addressed to someone else (a group copy's msg_to is its recipient). */
  public Envelope addressedTo(String recipient) {
    return new Envelope(
        compress, encode, encrypt, version, msgFrom, recipient, msgId, msgType, msgTime, body);
  }
}
