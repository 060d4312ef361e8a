package im.tlim.user;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.settings.Settings;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may send and be sent to, asked for every envelope. First contact over XMPP: a user the XMPP
 * server authenticated enters the directory the first time the service hears from them. A removed
 * user is not added back (by first contact or otherwise): they stay refused, as sender and as
 * recipient, until addUser restores them.
 *
 * <p>Users found in the directory are remembered for {@code tlim.contacts.cache-seconds}, so a busy
 * sender costs no database look-up per message. removeUser forgets the user here at once; another
 * node (they do not share this memory) refuses them once its entry expires, within that time
 * (docs/architecture.md).
 */
@ApplicationScoped
public class Contacts {

  /** user id → when (System.nanoTime) the entry stops being trusted. */
  private final Map<String, Long> known = new ConcurrentHashMap<>();

  @EJB private UserService users;
  @Inject private UserIds ids;
  @Inject private Settings settings;

  /**
   * error-029 for a reserved id, error-013 unless the directory knows the user (and they were not
   * removed).
   */
  public void requireKnown(String userId) {
    // thrown here, not by the directory bean, so a caller's transaction is not marked for
    // rollback by a mere unknown recipient (a batch of envelopes goes on without it)
    if (ids.isReserved(userId)) {
      throw new TlimException(ErrorCode.ID_RESERVED, userId + " is the server's own id");
    }
    if (!isKnown(userId)) {
      throw new TlimException(ErrorCode.USER_UNKNOWN, "unknown user " + userId);
    }
  }

  /** Whether the directory knows the user and they were not removed. */
  public boolean isKnown(String userId) {
    if (isFresh(userId)) {
      return true;
    }
    if (ids.isReserved(userId) || !users.isKnown(userId)) {
      known.remove(userId);
      return false;
    }
    remember(userId);
    return true;
  }

  /**
   * A sender as the service hears from them (over XMPP or a web page): error-029 for a reserved id,
   * error-013 for a removed user. One who is not in the directory (a web page's token user before
   * any first contact) may send.
   */
  public void requireSender(String userId) {
    if (isFresh(userId)) {
      return;
    }
    if (ids.isReserved(userId)) {
      throw new TlimException(ErrorCode.ID_RESERVED, userId + " is the server's own id");
    }
    if (users.isRemoved(userId)) {
      throw new TlimException(ErrorCode.USER_UNKNOWN, "user " + userId + " was removed");
    }
  }

  /** Whether the directory holds the user as removed (or the id cannot be a user any more). */
  public boolean isRemoved(String userId) {
    return !isFresh(userId) && users.isRemoved(userId);
  }

  /** A removed user must be looked up again. */
  public void forget(String userId) {
    known.remove(userId);
  }

  /**
   * First contact: records a user the XMPP server authenticated, unless the directory knows them
   * already.
   *
   * @return false, and nothing recorded, for a reserved id or a removed user
   */
  public boolean seen(String userId) {
    if (isFresh(userId)) {
      return true;
    }
    if (ids.isReserved(userId) || !UserIds.isAddressable(userId)) {
      return false;
    }
    boolean active;
    try {
      active = users.recordContact(userId);
    } catch (UserAlreadyKnownException e) {
      active = users.isKnown(userId); // recorded concurrently
    }
    if (active) {
      remember(userId);
    } else {
      known.remove(userId);
    }
    return active;
  }

  private boolean isFresh(String userId) {
    Long until = known.get(userId);
    return until != null && until - System.nanoTime() > 0;
  }

  private void remember(String userId) {
    known.put(userId, System.nanoTime() + settings.contactsCacheTime().toNanos());
  }
}
