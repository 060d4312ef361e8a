package im.tlim.message;

import im.tlim.envelope.Envelope;
import im.tlim.envelope.EnvelopeCodec;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A stored message: one row per envelope, whatever the number of recipients. */
@Entity
@Table(name = "tlim_message")
@NamedQuery(
    name = ChatMessage.BY_MSG_ID,
    query = "select m from ChatMessage m where m.msgId = :msgId")
@NamedQuery(
    name = ChatMessage.HISTORY,
    query = "select m from ChatMessage m where m.conversation = :conversation order by m.id desc")
@NamedQuery(
    name = ChatMessage.COUNT,
    query = "select count(m) from ChatMessage m where m.conversation = :conversation")
public class ChatMessage {

  static final String BY_MSG_ID = "ChatMessage.byMsgId";
  static final String HISTORY = "ChatMessage.history";
  static final String COUNT = "ChatMessage.count";

  @Id
  @SequenceGenerator(name = "message_id", sequenceName = "tlim_message_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_id")
  private Long id;

  @Column(name = "msg_id", nullable = false, length = 64, updatable = false)
  private String msgId;

  @Column(nullable = false, length = 160, updatable = false)
  private String conversation;

  @Column(name = "msg_from", nullable = false, length = 64, updatable = false)
  private String msgFrom;

  @Column(name = "msg_to", nullable = false, length = 64, updatable = false)
  private String msgTo;

  @Column(name = "msg_type", nullable = false, length = 20, updatable = false)
  private String msgType;

  @Column(name = "msg_time", nullable = false, updatable = false)
  private long msgTime;

  @Column(nullable = false)
  private String body;

  @Column(nullable = false)
  private boolean recalled;

  @Column(name = "stored_at", nullable = false, updatable = false)
  private long storedAt;

  protected ChatMessage() {}

  /** A 1:1 message as received, stored under the pair's conversation. */
  static ChatMessage direct(Envelope envelope, long now) {
    ChatMessage m = new ChatMessage();
    m.msgId = envelope.msgId();
    m.conversation = Conversations.pair(envelope.msgFrom(), envelope.msgTo());
    m.msgFrom = envelope.msgFrom();
    m.msgTo = envelope.msgTo();
    m.msgType = envelope.msgType().code();
    m.msgTime = envelope.msgTime();
    m.body = EnvelopeCodec.toJson(envelope.body());
    m.storedAt = now;
    return m;
  }

  public Long getId() {
    return id;
  }

  public String getMsgId() {
    return msgId;
  }

  public String getConversation() {
    return conversation;
  }

  public String getMsgFrom() {
    return msgFrom;
  }

  public String getMsgTo() {
    return msgTo;
  }

  public String getMsgType() {
    return msgType;
  }

  public long getMsgTime() {
    return msgTime;
  }

  /** The body array as strict JSON text. */
  public String getBody() {
    return body;
  }

  public boolean isRecalled() {
    return recalled;
  }

  public long getStoredAt() {
    return storedAt;
  }
}
