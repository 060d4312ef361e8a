package im.tlim.offline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A message waiting for one recipient's acknowledgement. */
@jakarta.persistence.NamedQuery(
    name = InboxEntry.HOLDERS,
    query = "select i.userId from InboxEntry i where i.messageId = :messageId")
@Entity
@Table(name = "tlim_inbox")
@IdClass(InboxEntry.Key.class)
public class InboxEntry {

  /** The users a message still waits for. */
  public static final String HOLDERS = "InboxEntry.holders";

  @Id
  @Column(name = "user_id", length = 64)
  private String userId;

  @Id
  @Column(name = "message_id")
  private long messageId;

  @Column(name = "web_got", nullable = false)
  private boolean webGot;

  protected InboxEntry() {}

  public InboxEntry(String userId, long messageId) {
    this.userId = userId;
    this.messageId = messageId;
  }

  public void markWebGot() {
    webGot = true;
  }

  public String getUserId() {
    return userId;
  }

  public long getMessageId() {
    return messageId;
  }

  public boolean isWebGot() {
    return webGot;
  }

  /** Primary key of an inbox entry. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String userId;
    private long messageId;

    public Key() {}

    public Key(String userId, long messageId) {
      this.userId = userId;
      this.messageId = messageId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.userId.equals(userId) && k.messageId == messageId;
    }

    @Override
    public int hashCode() {
      return Objects.hash(userId, messageId);
    }
  }
}
