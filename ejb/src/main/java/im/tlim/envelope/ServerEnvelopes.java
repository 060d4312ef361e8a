package im.tlim.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import im.tlim.error.ErrorCode;
import java.util.UUID;

/** Envelopes the server itself sends. Their {@code msg_from} is {@value #SERVER_SENDER}. */
public final class ServerEnvelopes {

  public static final String SERVER_SENDER = "system";

  private ServerEnvelopes() {}

  /**
   * The {@code MTC-001} answer to an envelope: {@code ok}, or {@code fail} with a code.
   *
   * @param answeredMsgId the msg_id of the envelope answered; empty when it was unreadable
   * @param failure null for {@code ok}
   */
  public static Envelope answer(String recipient, String answeredMsgId, ErrorCode failure) {
    ArrayNode body = EnvelopeCodec.array();
    body.addObject()
        .put("msg_id", answeredMsgId == null ? "" : answeredMsgId)
        .put("result", failure == null ? "ok" : "fail")
        .put("result_detail", failure == null ? "" : failure.code());
    return Envelope.of(
        SERVER_SENDER,
        recipient,
        UUID.randomUUID().toString(),
        MsgType.ANSWER,
        System.currentTimeMillis(),
        body);
  }
}
