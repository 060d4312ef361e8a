package im.tlim.delivery;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;
import jakarta.jms.Queue;

/**
 * Puts dispatches on the persistent delivery queue, inside the caller's JTA transaction: they
 * are sent only if the caller commits.
 */
@ApplicationScoped
public class DeliveryQueue {

  @Inject private JMSContext jms;

  @Resource(lookup = "java:/jms/queue/tlim/delivery")
  private Queue queue;

  /**
   * @param orderKey copies with the same key are sent in the order they were queued (the
   *     session id: Artemis hands a message group to one consumer at a time)
   */
  public void enqueue(Dispatch dispatch, String orderKey) {
    TextMessage message = jms.createTextMessage(dispatch.toJson());
    try {
      message.setStringProperty("JMSXGroupID", orderKey);
    } catch (JMSException e) {
      throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
    }
    jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, message);
  }
}
