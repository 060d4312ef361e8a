package im.tlim.user;

import jakarta.ejb.ApplicationException;

/** A concurrent first contact recorded the same user; the caller carries on. */
@ApplicationException(rollback = true)
public class UserAlreadyKnownException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UserAlreadyKnownException(String userId) {
    super("user " + userId + " was recorded concurrently");
  }
}
