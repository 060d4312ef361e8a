package im.tlim.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.observability.ServiceMetrics;
import im.tlim.observability.TlimLogger;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Dead letters: messages of the tlim queues that the broker gave up on after the configured
 * delivery attempts. {@link DeadLetterConsumer} moves each from {@code tlim.dead-letter} into
 * {@code tlim_dead_letter} (with the reason it first failed, if this server saw it) and it is
 * logged once; operators page through them and put them back on their queue (redrive).
 */
@Stateless
public class DeadLetterService {

  private static final TlimLogger LOG = TlimLogger.of(DeadLetterService.class);

  /** Broker properties (original address, queue, message id …): not the message's own. */
  private static final String BROKER_PROPERTY_PREFIX = "_AMQ";

  /** Counted anew on every delivery; never carried over. */
  private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

  /** A JMS queue's name inside Artemis, as the original-queue property gives it. */
  private static final String CORE_QUEUE_PREFIX = "jms.queue.";

  /** Dead letters redriven per transaction by {@link #redriveAll()}. */
  static final int REDRIVE_BATCH = 100;

  @PersistenceContext private EntityManager em;
  @Inject private FirstFailures failures;
  @Inject private ServiceMetrics metrics;
  @Inject private JMSContext jms;
  @Resource private TransactionSynchronizationRegistry transactions;
  @Resource private SessionContext context;

  @Resource(lookup = "java:/jms/queue/tlim/delivery")
  private Queue delivery;

  @Resource(lookup = "java:/jms/queue/tlim/push")
  private Queue push;

  @Resource(lookup = "java:/jms/queue/tlim/approval")
  private Queue approval;

  /** A page of dead letters, oldest first, and how many there are. */
  public record Page(long total, List<DeadLetter> letters) {}

  /**
   * Keeps a dead-lettered message, in the transaction that takes it off the dead-letter queue:
   * either it is kept and gone from the queue, or neither. The database commits as the last
   * resource, so a crash between its commit and the broker's can deliver the message again: it is
   * recognised by its JMS message id then. Logged once that commits.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void keep(Message message) throws JMSException {
    String messageId = message.getJMSMessageID();
    if (messageId != null
        && em.createNamedQuery(DeadLetter.COUNT_OF_MESSAGE, Long.class)
                .setParameter("jmsMessageId", messageId)
                .getSingleResult()
            > 0) {
      // delivered again after its row committed (a crash before the acknowledgement): kept already
      return;
    }
    String queue =
        jmsName(
            firstNonNull(
                message.getStringProperty("_AMQ_ORIG_QUEUE"),
                message.getStringProperty("_AMQ_ORIG_ADDRESS")));
    FirstFailures.Failure failure = failures.of(messageId);
    String body = message instanceof TextMessage text ? text.getText() : null;
    DeadLetter letter =
        new DeadLetter(
            messageId, queue, propertiesOf(message), body, failure, System.currentTimeMillis());
    em.persist(letter);
    em.flush(); // the id, for the log line
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status != Status.STATUS_COMMITTED) {
              return; // the broker delivers it again
            }
            failures.forget(messageId);
            metrics.deadLettered(queue);
            LOG.deadLettered(
                letter.getId(),
                queue,
                failure == null
                    ? "no failure seen by this server"
                    : failure.count()
                        + " failed deliveries since "
                        + Instant.ofEpochMilli(failure.firstAt()),
                failure == null ? "reason unknown" : failure.reason());
          }
        });
  }

  /** Dead letters from {@code start} on, oldest first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Page page(int start, int length) {
    long total = em.createNamedQuery(DeadLetter.COUNT, Long.class).getSingleResult();
    List<DeadLetter> letters =
        em.createNamedQuery(DeadLetter.OLDEST_FIRST, DeadLetter.class)
            .setFirstResult(start)
            .setMaxResults(length)
            .getResultList();
    return new Page(total, letters);
  }

  /**
   * Puts one dead letter back on its queue, with its properties, and deletes it, in one
   * transaction.
   *
   * @return 1, or 0 when there is no such dead letter (any more: redriving twice is harmless) or it
   *     cannot be redriven (not text, or from a queue this service does not consume)
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public int redrive(long id) {
    DeadLetter letter = em.find(DeadLetter.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (letter == null) {
      return 0;
    }
    Queue queue = queueNamed(letter.getOriginalQueue());
    if (queue == null || letter.getBody() == null) {
      LOG.deadLetterNotRedriven(
          id,
          letter.getOriginalQueue(),
          queue == null ? "not a queue of this service" : "not a text message");
      return 0;
    }
    TextMessage message = jms.createTextMessage(letter.getBody());
    restoreProperties(message, letter.getProperties());
    jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(queue, message);
    em.remove(letter);
    LOG.deadLetterRedriven(id, letter.getOriginalQueue());
    return 1;
  }

  /**
   * Redrives every dead letter kept when called, {@value #REDRIVE_BATCH} per transaction, oldest
   * first; those that die again meanwhile are not redriven again by this call.
   *
   * @return how many were redriven
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int redriveAll() {
    Long last = em.createNamedQuery(DeadLetter.LAST_ID, Long.class).getSingleResult();
    if (last == null) {
      return 0;
    }
    DeadLetterService self = context.getBusinessObject(DeadLetterService.class);
    int redriven = 0;
    long after = 0;
    while (true) {
      List<Long> ids =
          em.createNamedQuery(DeadLetter.IDS_AFTER, Long.class)
              .setParameter("after", after)
              .setParameter("last", last)
              .setMaxResults(REDRIVE_BATCH)
              .getResultList();
      if (ids.isEmpty()) {
        return redriven;
      }
      redriven += self.redriveEach(ids);
      after = ids.get(ids.size() - 1);
    }
  }

  /** One batch of {@link #redriveAll()}: its own transaction. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int redriveEach(List<Long> ids) {
    int redriven = 0;
    for (long id : ids) {
      redriven += redrive(id);
    }
    return redriven;
  }

  private Queue queueNamed(String name) {
    return switch (name) {
      case "tlim.delivery" -> delivery;
      case "tlim.push" -> push;
      case "tlim.approval" -> approval;
      default -> null;
    };
  }

  /** The message's own properties (not the broker's) as a JSON object. */
  static String propertiesOf(Message message) throws JMSException {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    List<String> names =
        Collections.list(message.getPropertyNames()).stream()
            .map(String::valueOf)
            .sorted()
            .toList();
    for (String name : names) {
      if (name.startsWith(BROKER_PROPERTY_PREFIX) || name.equals(DELIVERY_COUNT)) {
        continue;
      }
      Object value = message.getObjectProperty(name);
      if (value instanceof Boolean b) {
        json.put(name, b);
      } else if (value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte) {
        json.put(name, ((Number) value).longValue());
      } else if (value instanceof Number n) {
        json.put(name, n.doubleValue());
      } else if (value != null) {
        json.put(name, value.toString());
      }
    }
    return EnvelopeCodec.toJson(json);
  }

  /** Sets the kept properties again (whole numbers come back as long). */
  static void restoreProperties(TextMessage message, String properties) {
    try {
      JsonNode json = EnvelopeCodec.readLenient(properties);
      for (Map.Entry<String, JsonNode> property : json.properties()) {
        String name = property.getKey();
        JsonNode value = property.getValue();
        if (value.isBoolean()) {
          message.setBooleanProperty(name, value.booleanValue());
        } else if (value.isIntegralNumber()) {
          message.setLongProperty(name, value.longValue());
        } else if (value.isNumber()) {
          message.setDoubleProperty(name, value.doubleValue());
        } else {
          message.setStringProperty(name, value.asText());
        }
      }
    } catch (JMSException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the dead letter's properties cannot be restored", e);
    }
  }

  /** {@code jms.queue.tlim.push} → {@code tlim.push}. */
  static String jmsName(String coreName) {
    if (coreName == null || coreName.isBlank()) {
      return "unknown";
    }
    return coreName.startsWith(CORE_QUEUE_PREFIX)
        ? coreName.substring(CORE_QUEUE_PREFIX.length())
        : coreName;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
