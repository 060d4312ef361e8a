package im.tlim.message;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;

/**
 * What a sender is answered for one envelope.
 *
 * @param msgId the envelope's msg_id, or null when it could not be read
 * @param failure the refusal's code, or null for {@code ok} (a resend of a stored envelope too)
 */
public record Outcome(String msgId, ErrorCode failure) {

  public static Outcome ok(String msgId) {
    return new Outcome(msgId, null);
  }

  public static Outcome refused(TlimException e) {
    return new Outcome(e.msgId(), e.code());
  }
}
