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
 * Puts deliveries on the persistent delivery queue, inside the caller's JTA transaction: they
 * are sent only if the caller commits.
 */
@ApplicationScoped
public class DeliveryQueue {

  @Inject private JMSContext jms;

  @Resource(lookup = "java:/jms/queue/tlim/delivery")
  private Queue queue;

  public void enqueue(Delivery delivery) {
    TextMessage message = jms.createTextMessage(delivery.toJson());
    try {
      // one group per recipient: Artemis hands a group to one consumer at a time, in order
      message.setStringProperty("JMSXGroupID", delivery.to());
    } catch (JMSException e) {
      throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
    }
    jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, message);
  }
}
