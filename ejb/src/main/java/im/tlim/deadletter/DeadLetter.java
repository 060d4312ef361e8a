package im.tlim.deadletter;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A JMS message the broker gave up on, kept until an operator redrives it. */
@Entity
@Table(name = "tlim_dead_letter")
@NamedQuery(name = DeadLetter.OLDEST_FIRST, query = "select d from DeadLetter d order by d.id")
@NamedQuery(name = DeadLetter.COUNT, query = "select count(d) from DeadLetter d")
@NamedQuery(
    name = DeadLetter.IDS_AFTER,
    query = "select d.id from DeadLetter d where d.id > :after and d.id <= :last order by d.id")
@NamedQuery(name = DeadLetter.LAST_ID, query = "select max(d.id) from DeadLetter d")
@NamedQuery(
    name = DeadLetter.COUNT_OF_MESSAGE,
    query = "select count(d) from DeadLetter d where d.jmsMessageId = :jmsMessageId")
public class DeadLetter {

  static final String OLDEST_FIRST = "DeadLetter.oldestFirst";
  static final String COUNT = "DeadLetter.count";
  static final String IDS_AFTER = "DeadLetter.idsAfter";
  static final String LAST_ID = "DeadLetter.lastId";
  static final String COUNT_OF_MESSAGE = "DeadLetter.countOfMessage";

  static final int MAX_REASON = 2000;

  @Id
  @SequenceGenerator(
      name = "dead_letter_id",
      sequenceName = "tlim_dead_letter_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "dead_letter_id")
  private Long id;

  @Column(name = "jms_message_id", length = 128, updatable = false)
  private String jmsMessageId;

  @Column(name = "original_queue", nullable = false, length = 255, updatable = false)
  private String originalQueue;

  /** The message's properties as a JSON object. */
  @Column(nullable = false, updatable = false)
  private String properties;

  /** The message's text, or null when it was not a text message. */
  @Column(updatable = false)
  private String body;

  @Column(length = MAX_REASON, updatable = false)
  private String reason;

  @Column(name = "first_failed_at", updatable = false)
  private Long firstFailedAt;

  @Column(nullable = false, updatable = false)
  private int failures;

  @Column(name = "dead_at", nullable = false, updatable = false)
  private long deadAt;

  protected DeadLetter() {}

  DeadLetter(
      String jmsMessageId,
      String originalQueue,
      String properties,
      String body,
      FirstFailures.Failure failure,
      long now) {
    this.jmsMessageId = jmsMessageId;
    this.originalQueue = originalQueue;
    this.properties = properties;
    this.body = body;
    if (failure != null) {
      this.reason =
          failure.reason().length() > MAX_REASON
              ? failure.reason().substring(0, MAX_REASON)
              : failure.reason();
      this.firstFailedAt = failure.firstAt();
      this.failures = failure.count();
    }
    this.deadAt = now;
  }

  public Long getId() {
    return id;
  }

  public String getJmsMessageId() {
    return jmsMessageId;
  }

  /** The JMS name of the queue it was dead-lettered from, e.g. {@code tlim.push}. */
  public String getOriginalQueue() {
    return originalQueue;
  }

  public String getProperties() {
    return properties;
  }

  public String getBody() {
    return body;
  }

  /** The first failure this server saw, or null when the message failed only before it started. */
  public String getReason() {
    return reason;
  }

  public Long getFirstFailedAt() {
    return firstFailedAt;
  }

  /** The failed deliveries this server saw (0 when it saw none). */
  public int getFailures() {
    return failures;
  }

  public long getDeadAt() {
    return deadAt;
  }
}
