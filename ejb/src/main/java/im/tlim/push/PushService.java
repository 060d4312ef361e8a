package im.tlim.push;

import im.tlim.user.UserService;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** registerAppPushCode. */
@Stateless
public class PushService {

  @PersistenceContext private EntityManager em;
  @EJB private UserService users;

  public void register(String userId, String registrationId) {
    users.require(userId);
    PushRegistration registration = em.find(PushRegistration.class, userId);
    long now = System.currentTimeMillis();
    if (registration == null) {
      em.persist(new PushRegistration(userId, registrationId, now));
    } else {
      registration.change(registrationId, now);
    }
  }
}
