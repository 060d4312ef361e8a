package im.tlim.deadletter;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Moves each message of {@code tlim.dead-letter} into the dead-letter table, in the JTA transaction
 * that acknowledges it. Consuming the queue is the point: a table survives, can be counted and
 * paged cheaply and redriven one by one, which a queue only browsed cannot; nothing is lost,
 * because the row and the acknowledgement commit together.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/tlim/dead-letter"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")
    })
public class DeadLetterConsumer implements MessageListener {

  @EJB private DeadLetterService letters;

  @Override
  public void onMessage(Message message) {
    try {
      letters.keep(message);
    } catch (JMSException e) {
      throw new EJBException("unreadable dead letter; will be retried", e);
    }
  }
}
