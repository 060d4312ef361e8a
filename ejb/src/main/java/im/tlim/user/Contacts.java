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
