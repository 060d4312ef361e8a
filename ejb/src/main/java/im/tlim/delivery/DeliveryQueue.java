package im.tlim.delivery;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts dispatches on the persistent delivery queue, inside the caller's JTA transaction: they are
 * sent only if the caller commits.
 *
 * <p>A transaction that accepts many envelopes may {@linkplain #hold() hold} its dispatches and
 * {@linkplain #sendHeld() send} them at its end: one JMS message per order key then carries all of
 * that key's dispatches, in order, instead of one message each.
 */
@ApplicationScoped
public class DeliveryQueue {

  /** The held dispatches' key among the transaction's resources. */
  private static final Object HELD = DeliveryQueue.class.getName() + ".held";

  @Inject private JMSContext jms;

  @Resource(lookup = "java:/jms/queue/tlim/delivery")
  private Queue queue;

  @Resource private TransactionSynchronizationRegistry transactions;

  /**
   * @param orderKey copies with the same key are sent in the order they were queued (the session
   *     id: Artemis hands a message group to one consumer at a time)
   */
  public void enqueue(Dispatch dispatch, String orderKey) {
    Map<String, List<Dispatch>> held = held();
    if (held != null) {
      held.computeIfAbsent(orderKey, k -> new ArrayList<>()).add(dispatch);
    } else {
      send(Dispatch.listToJson(List.of(dispatch)), orderKey);
    }
  }

  /** Holds this transaction's dispatches from now on, until {@link #sendHeld()}. */
  public void hold() {
    transactions.putResource(HELD, new LinkedHashMap<String, List<Dispatch>>());
  }

  /** Queues what this transaction held, one JMS message per order key, and stops holding. */
  public void sendHeld() {
    Map<String, List<Dispatch>> held = held();
    if (held == null) {
      return;
    }
    transactions.putResource(HELD, null);
    held.forEach((orderKey, dispatches) -> send(Dispatch.listToJson(dispatches), orderKey));
  }

  @SuppressWarnings("unchecked")
  private Map<String, List<Dispatch>> held() {
    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
      return null;
    }
    return (Map<String, List<Dispatch>>) transactions.getResource(HELD);
  }

  private void send(String json, String orderKey) {
    TextMessage message = jms.createTextMessage(json);
    try {
      message.setStringProperty("JMSXGroupID", orderKey);
    } catch (JMSException e) {
      throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
    }
    jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, message);
  }
}
