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

/**
 * A stored message: one row per envelope, whatever the number of recipients. A <em>notice</em> (a
 * forwarded receipt, a clearing request or its answer) is stored too, so it waits in its one
 * recipient's offline store like any other envelope, but it is not part of the conversation: its
 * {@code seq} is negative (minus its id, unique in the session), so history, totals, read cursors
 * and unread checks, which count {@code seq > 0}, never see it.
 */
@Entity
@Table(name = "tlim_message")
@NamedQuery(
    name = ChatMessage.BY_MSG_ID,
    query = "select m from ChatMessage m where m.msgId = :msgId")
@NamedQuery(
    name = ChatMessage.STORED_MSG_IDS,
    query = "select m.msgId, m.msgFrom from ChatMessage m where m.msgId in :msgIds")
@NamedQuery(
    name = ChatMessage.HISTORY,
    query =
        "select m from ChatMessage m where m.sessionId = :sessionId and m.seq < :before"
            + " and m.seq > 0 order by m.seq desc")
@NamedQuery(
    name = ChatMessage.DELETE_INBOX_OF_SESSION,
    query =
        "delete from InboxEntry i where i.messageId in"
            + " (select m.id from ChatMessage m where m.sessionId = :sessionId)")
@NamedQuery(
    name = ChatMessage.DELETE_OF_SESSION,
    query = "delete from ChatMessage m where m.sessionId = :sessionId")
public class ChatMessage {

  static final String BY_MSG_ID = "ChatMessage.byMsgId";
  static final String STORED_MSG_IDS = "ChatMessage.storedMsgIds";
  static final String HISTORY = "ChatMessage.history";
  static final String DELETE_INBOX_OF_SESSION = "ChatMessage.deleteInboxOfSession";
  static final String DELETE_OF_SESSION = "ChatMessage.deleteOfSession";

  @Id
  @SequenceGenerator(name = "message_id", sequenceName = "tlim_message_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_id")
  private Long id;

  @Column(name = "msg_id", nullable = false, length = Envelope.MAX_ID_LENGTH, updatable = false)
  private String msgId;

  @Column(name = "session_id", nullable = false, length = 160, updatable = false)
  private String sessionId;

  @Column(nullable = false, updatable = false)
  private long seq;

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

  // the commit-order position, written only by im.tlim.offline.SyncSequencer after the commit
  @Column(name = "sync_seq", insertable = false, updatable = false)
  private Long syncSeq;

  protected ChatMessage() {}

  /** A message as received, numbered {@code seq} in its session. */
  static ChatMessage of(Envelope envelope, String sessionId, long seq, long now) {
    ChatMessage m = new ChatMessage();
    m.msgId = envelope.msgId();
    m.sessionId = sessionId;
    m.seq = seq;
    m.msgFrom = envelope.msgFrom();
    m.msgTo = envelope.msgTo();
    m.msgType = envelope.msgType().code();
    m.msgTime = envelope.msgTime();
    m.body = EnvelopeCodec.toJson(envelope.body());
    m.storedAt = now;
    return m;
  }

  /**
   * Numbers a freshly persisted row as a notice (see the class comment). The id is assigned on
   * persist (sequence preallocation), and the row is inserted at the next flush.
   */
  void numberAsNotice() {
    if (id == null) {
      throw new IllegalStateException("a notice is numbered after persist");
    }
    seq = -id;
  }

  /** Whether this is a notice rather than a message of the conversation. */
  public boolean isNotice() {
    return seq < 0;
  }

  public Long getId() {
    return id;
  }

  public String getMsgId() {
    return msgId;
  }

  public String getSessionId() {
    return sessionId;
  }

  public long getSeq() {
    return seq;
  }

  /** Marks the message recalled and removes its content everywhere it is read from. */
  public void recall() {
    recalled = true;
    body = "[]";
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
