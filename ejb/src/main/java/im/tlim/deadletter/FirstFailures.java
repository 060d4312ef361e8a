package im.tlim.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first failure of each JMS message that is being redelivered, by JMS message id, so that a
 * message that ends up dead-lettered can be kept with the reason it first failed: the broker
 * carries no reason along. Filled by {@link FailureRecorder} around the consumers; an entry goes
 * when its message is consumed at last or dead-lettered. Bounded: in a long outage the oldest
 * entries give way, and those messages are kept without a reason.
 */
@ApplicationScoped
public class FirstFailures {

  static final int MAX_ENTRIES = 10_000;

  /** A message's first failure, when, and how many deliveries failed since. */
  public record Failure(String reason, long firstAt, int count) {
    Failure again() {
      return new Failure(reason, firstAt, count + 1);
    }
  }

  private final Map<String, Failure> byMessageId =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failure> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  /** A delivery of the message failed with {@code failure}. */
  public void failed(Message message, Throwable failure) {
    String id = idOf(message);
    if (id != null) {
      synchronized (byMessageId) {
        byMessageId.compute(
            id,
            (k, known) ->
                known == null
                    ? new Failure(describe(failure), System.currentTimeMillis(), 1)
                    : known.again());
      }
    }
  }

  /** A delivery of the message succeeded: nothing to remember. */
  public void succeeded(Message message) {
    synchronized (byMessageId) {
      if (byMessageId.isEmpty()) {
        return; // the usual case costs no id look-up
      }
    }
    String id = idOf(message);
    if (id != null) {
      synchronized (byMessageId) {
        byMessageId.remove(id);
      }
    }
  }

  /** The message's failure so far, or null. */
  public Failure of(String jmsMessageId) {
    if (jmsMessageId == null) {
      return null;
    }
    synchronized (byMessageId) {
      return byMessageId.get(jmsMessageId);
    }
  }

  /** Forgets the message (it is kept as a dead letter now). */
  public void forget(String jmsMessageId) {
    if (jmsMessageId != null) {
      synchronized (byMessageId) {
        byMessageId.remove(jmsMessageId);
      }
    }
  }

  /**
   * The exception and its causes, outermost first: {@code EJBException: push gateway answered 503 ←
   * …}.
   */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure;
        t != null && text.length() < DeadLetter.MAX_REASON;
        t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage());
      }
    }
    return text.toString();
  }

  private static String idOf(Message message) {
    try {
      return message.getJMSMessageID();
    } catch (JMSException e) {
      return null;
    }
  }
}
