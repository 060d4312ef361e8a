package im.tlim.user;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * First contact over XMPP: a user the XMPP server authenticated enters the directory the first
 * time the service hears from them. Remembers whom it has recorded since startup, so a busy
 * sender costs no database look-up per message.
 */
@ApplicationScoped
public class Contacts {

  private final Set<String> recorded = ConcurrentHashMap.newKeySet();

  @EJB private UserService users;

  /**
   * error-013 unless the directory knows the user; users known since startup cost no look-up
   * (removeUser forgets them here).
   */
  public void requireKnown(String userId) {
    // thrown here, not by the directory bean, so a caller's transaction is not marked for
    // rollback by a mere unknown recipient (a batch of envelopes goes on without it)
    if (!isKnown(userId)) {
      throw new TlimException(ErrorCode.USER_UNKNOWN, "unknown user " + userId);
    }
  }

  /** Whether the directory knows the user; users known since startup cost no look-up. */
  public boolean isKnown(String userId) {
    if (recorded.contains(userId)) {
      return true;
    }
    if (!users.isKnown(userId)) {
      return false;
    }
    recorded.add(userId);
    return true;
  }

  /** A removed user must be looked up again. */
  public void forget(String userId) {
    recorded.remove(userId);
  }

  public void seen(String userId) {
    if (recorded.contains(userId)) {
      return;
    }
    try {
      users.recordContact(userId);
    } catch (UserAlreadyKnownException e) {
      // recorded concurrently: known either way
    }
    recorded.add(userId);
  }
}
