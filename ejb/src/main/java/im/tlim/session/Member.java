package im.tlim.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A user's membership of a session, with their read cursor. */
@Entity
@Table(name = "tlim_member")
@IdClass(Member.Key.class)
@NamedQuery(
    name = Member.ACTIVE_IN_SESSION,
    query = "select m from Member m where m.sessionId = :sessionId and m.leftAt is null order by m.joinedAt, m.userId")
public class Member {

  static final String ACTIVE_IN_SESSION = "Member.activeInSession";

  /** Read status values of the original: 0 unread, 1 read on web, 2 read on mobile. */
  public static final int UNREAD = 0;
  public static final int READ_WEB = 1;
  public static final int READ_MOBILE = 2;

  @Id
  @Column(name = "session_id", length = 160)
  private String sessionId;

  @Id
  @Column(name = "user_id", length = 64)
  private String userId;

  @Column(name = "joined_at", nullable = false)
  private long joinedAt;

  @Column(name = "left_at")
  private Long leftAt;

  // a former member reads the session's messages up to this seq (their leaving's notice included)
  @Column(name = "left_seq")
  private Long leftSeq;

  @Column(name = "read_seq", nullable = false)
  private long readSeq;

  @Column(name = "read_status", nullable = false)
  private int readStatus;

  protected Member() {}

  static Member join(String sessionId, String userId, long now) {
    Member m = new Member();
    m.sessionId = sessionId;
    m.userId = userId;
    m.joinedAt = now;
    return m;
  }

  /** Moves the read cursor forward (never back) to {@code seq}, read on a device class. */
  public boolean markRead(long seq, int status) {
    if (seq <= readSeq) {
      return false;
    }
    readSeq = seq;
    readStatus = status;
    return true;
  }

  void leave(long now) {
    leftAt = now;
  }

  /** The last message a former member may read: the session's last one when they left. */
  void readsUpTo(long seq) {
    leftSeq = seq;
  }

  void rejoin(long now) {
    leftAt = null;
    leftSeq = null;
    joinedAt = now;
  }

  public boolean isActive() {
    return leftAt == null;
  }

  public String getSessionId() {
    return sessionId;
  }

  public String getUserId() {
    return userId;
  }

  public long getJoinedAt() {
    return joinedAt;
  }

  public Long getLeftAt() {
    return leftAt;
  }

  public Long getLeftSeq() {
    return leftSeq;
  }

  public long getReadSeq() {
    return readSeq;
  }

  public int getReadStatus() {
    return readStatus;
  }

  /** Primary key of a membership. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String sessionId;
    private String userId;

    public Key() {}

    public Key(String sessionId, String userId) {
      this.sessionId = sessionId;
      this.userId = userId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.sessionId.equals(sessionId) && k.userId.equals(userId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(sessionId, userId);
    }
  }
}
