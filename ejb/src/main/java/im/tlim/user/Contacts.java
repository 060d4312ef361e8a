package im.tlim.user;

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
    if (recorded.contains(userId)) {
      return;
    }
    users.require(userId);
    recorded.add(userId);
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
