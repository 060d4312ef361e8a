package im.tlim.error;

import jakarta.ejb.ApplicationException;

/**
 * A business failure with its protocol code. Rolls back the transaction it is thrown in, and
 * reaches the caller unwrapped.
 */
@ApplicationException(rollback = true)
public class TlimException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String msgId;

  public TlimException(ErrorCode code, String detail) {
    this(code, detail, null);
  }

  /**
   * @param msgId the envelope's msg_id when it was readable, so the sender's answer names it
   */
  public TlimException(ErrorCode code, String detail, String msgId) {
    super(code.code() + ": " + detail);
    this.code = code;
    this.msgId = msgId;
  }

  public ErrorCode code() {
    return code;
  }

  /** The msg_id of the envelope that failed, or null when it could not be read. */
  public String msgId() {
    return msgId;
  }

  /** The same failure, now naming the envelope's msg_id. */
  public TlimException forMessage(String id) {
    TlimException named =
        new TlimException(code, getMessage().substring(code.code().length() + 2), id);
    named.setStackTrace(getStackTrace());
    return named;
  }
}
