package im.tlim.user;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

/** Looks users up and records first contact. */
@Stateless
public class UserService {

  @PersistenceContext private EntityManager em;
  @jakarta.inject.Inject private Contacts contacts;

  /**
   * Records a user the XMPP server has authenticated, if the directory does not know them yet.
   * Runs in its own transaction so two first contacts at once cannot fail a caller.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordContact(String userId) {
    if (em.find(User.class, userId) != null) {
      return;
    }
    try {
      em.persist(User.firstContact(userId, System.currentTimeMillis()));
      em.flush();
    } catch (PersistenceException e) {
      // someone recorded the same user concurrently; theirs stands
      throw new UserAlreadyKnownException(userId);
    }
  }

  /**
   * addUser: creates or updates directory entries (the service role fills the directory from
   * the company's user system). A removed user added again is restored.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void upsert(java.util.List<Entry> entries) {
    for (Entry entry : entries) {
      User user = em.find(User.class, entry.userId());
      if (user == null) {
        user = User.firstContact(entry.userId(), System.currentTimeMillis());
        em.persist(user);
      }
      user.describe(entry.userName(), entry.acctLogin(), entry.pic());
    }
  }

  /** One directory entry as addUser gives it. */
  public record Entry(String userId, String userName, String acctLogin, String pic) {}

  /** removeUser: the user can no longer be messaged or added; their history stays readable. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void remove(String userId) {
    require(userId).markRemoved();
    contacts.forget(userId);
  }

  /** The directory entry, or a placeholder named by the id for a user never recorded. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public User findIncludingRemoved(String userId) {
    User user = em.find(User.class, userId);
    return user != null ? user : User.firstContact(userId, 0);
  }

  /** A page of the ids of all users in the directory, in id order. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public java.util.List<String> userIds(int first, int max) {
    return em.createQuery(
            "select u.userId from User u where u.removed = false order by u.userId", String.class)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
  }

  /** Whether the directory knows the user (and they were not removed). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean isKnown(String userId) {
    User user = em.find(User.class, userId);
    return user != null && !user.isRemoved();
  }

  /** Which of these users were removed (the live pages' sweep closes their pages). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public java.util.Set<String> removedAmong(java.util.Collection<String> userIds) {
    java.util.Set<String> removed = new java.util.HashSet<>();
    java.util.List<String> ids = java.util.List.copyOf(userIds);
    for (int from = 0; from < ids.size(); from += 500) {
      removed.addAll(
          em.createQuery(
                  "select u.userId from User u where u.removed = true and u.userId in :ids", String.class)
              .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
              .getResultList());
    }
    return removed;
  }

  /** The user, or error-013 when the directory does not know them (or they were removed). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public User require(String userId) {
    User user = em.find(User.class, userId);
    if (user == null || user.isRemoved()) {
      throw new TlimException(ErrorCode.USER_UNKNOWN, "unknown user " + userId);
    }
    return user;
  }
}
