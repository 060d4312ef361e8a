package im.tlim.approval;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Consumes the approval queue: each notice is stored and delivered in the same transaction as its
 * acknowledgement, so a notice is neither lost nor stored twice; a poison notice is rethrown until
 * it reaches the dead-letter queue.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/tlim/approval"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2")
    })
public class ApprovalConsumer implements MessageListener {

  @EJB private ApprovalService approvals;

  @Override
  public void onMessage(Message message) {
    ApprovalNotice notice;
    try {
      notice = ApprovalNotice.fromJson(((TextMessage) message).getText());
    } catch (JMSException | ClassCastException e) {
      throw new EJBException("unreadable approval message", e);
    }
    approvals.deliver(notice);
  }
}
