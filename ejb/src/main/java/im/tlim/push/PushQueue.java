package im.tlim.push;

import im.tlim.settings.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Queues a push for a recipient who has no device online, when they registered a push code and push
 * is configured. Each notice carries a duplicate id (user and msg_id), so the broker keeps one
 * notice per message and user however often a redelivered dispatch asks for it (Artemis' duplicate
 * detection, which survives restarts: its id cache is journaled).
 */
@ApplicationScoped
public class PushQueue {

  @Inject private JMSContext jms;
  @Inject private Settings settings;
  @PersistenceContext private EntityManager em;

  /**
   * Artemis' message property for duplicate detection ({@code Message.HDR_DUPLICATE_DETECTION_ID}).
   */
  private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

  @Resource(lookup = "java:/jms/queue/tlim/push")
  private Queue queue;

  public void offlineRecipient(String userId, im.tlim.delivery.Dispatch.Stored message) {
    if (settings.pushUrl() == null) {
      return;
    }
    PushRegistration registration = em.find(PushRegistration.class, userId);
    if (registration == null) {
      return;
    }
    PushNotice notice =
        new PushNotice(
            userId,
            registration.getRegistrationId(),
            message.msgId(),
            message.msgType(),
            message.msgFrom());
    jms.createProducer()
        .setDeliveryMode(DeliveryMode.PERSISTENT)
        .setProperty(DUPLICATE_ID, "push/" + userId + "/" + message.msgId())
        .send(queue, notice.toJson());
  }
}
