package im.tlim.delivery;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;

/**
 * Sends each queued delivery through the XMPP connector. Any failure rolls the JMS transaction
 * back: the broker redelivers with backoff, and dead-letters a message that keeps failing.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/tlim/delivery"),
      @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
    })
public class DeliveryConsumer implements MessageListener {

  @Inject private XmppGateway xmpp;

  @Override
  public void onMessage(Message message) {
    Delivery delivery;
    try {
      delivery = Delivery.fromJson(((TextMessage) message).getText());
    } catch (JMSException | ClassCastException e) {
      // poison: rethrown so it reaches the dead-letter queue
      throw new EJBException("unreadable delivery message", e);
    }
    try {
      xmpp.send(delivery.to(), delivery.resource(), delivery.envelope(), delivery.location());
    } catch (ResourceException e) {
      throw new EJBException("XMPP send to " + delivery.to() + " failed; will be redelivered", e);
    }
  }
}
