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

  /** A page of the ids of all users in the directory, in id order. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public java.util.List<String> userIds(int first, int max) {
    return em.createQuery(
            "select u.userId from User u where u.removed = false order by u.userId", String.class)
        .setFirstResult(first)
        .setMaxResults(max)
        .getResultList();
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
