package im.tlim.it;

import java.util.UUID;

/** Envelope JSON as clients write it. */
final class Envelopes {

  private Envelopes() {}

  static String newId() {
    return UUID.randomUUID().toString();
  }

  static String text(String from, String to, String msgId, String text) {
    return envelope(from, to, msgId, "MTT-000", "[{\"text\":\"" + text + "\"}]");
  }

  /** A 1:1 image message (MTT-001) showing an uploaded file. */
  static String image(String from, String to, String msgId, String fileId) {
    return envelope(from, to, msgId, "MTT-001", "[{\"file_id\":\"" + fileId + "\"}]");
  }

  /**
   * An envelope about one earlier message: a delivered receipt (MTC-000), a read state (MTT-100) or
   * a recall (MTT-101) of {@code aboutMsgId}.
   */
  static String about(String from, String to, String msgId, String type, String aboutMsgId) {
    return envelope(from, to, msgId, type, "[{\"msg_id\":\"" + aboutMsgId + "\"}]");
  }

  /**
   * A group envelope about one earlier message of the group: a read state (MTS-100) or a recall
   * (MTS-101) of {@code aboutMsgId}.
   */
  static String aboutInGroup(
      String from, String sessionId, String msgId, String type, String aboutMsgId) {
    return envelope(
        from,
        sessionId,
        msgId,
        type,
        "[{\"session_id\":\"" + sessionId + "\",\"msg_id\":\"" + aboutMsgId + "\"}]");
  }

  static String envelope(String from, String to, String msgId, String type, String body) {
    return "{\"compress\":\"0\",\"encode\":\"1\",\"encrypt\":\"0\",\"version\":\"2.0.0\","
        + "\"msg_from\":\""
        + from
        + "\",\"msg_to\":\""
        + to
        + "\",\"msg_id\":\""
        + msgId
        + "\",\"msg_type\":\""
        + type
        + "\",\"msg_time\":\""
        + System.currentTimeMillis()
        + "\",\"body\":"
        + body
        + "}";
  }
}
