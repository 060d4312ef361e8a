package im.tlim.message;

import jakarta.ejb.ApplicationException;

/**
 * A concurrent resend of an envelope lost the race on the msg_id constraint: its transaction rolls
 * back, and the sender is answered {@code ok} because the first copy was stored.
 */
@ApplicationException(rollback = true)
public class DuplicateEnvelopeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String msgId;

  public DuplicateEnvelopeException(String msgId) {
    super("envelope " + msgId + " was already stored");
    this.msgId = msgId;
  }

  public String msgId() {
    return msgId;
  }
}
