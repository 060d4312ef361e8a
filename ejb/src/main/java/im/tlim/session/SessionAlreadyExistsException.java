package im.tlim.session;

import jakarta.ejb.ApplicationException;

/** A concurrent call created the same session first; the caller uses that one. */
@ApplicationException(rollback = true)
public class SessionAlreadyExistsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SessionAlreadyExistsException(String sessionId) {
    super("session " + sessionId + " was created concurrently");
  }
}
