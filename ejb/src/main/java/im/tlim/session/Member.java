package im.tlim.session;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A user's membership of a session, with their read cursor. It carries the membership rules: who is
 * a current member (may post and act in the session), and what a former member may still read.
 */
@Entity
@Table(name = "tlim_member")
@IdClass(Member.Key.class)
@NamedQuery(
    name = Member.ACTIVE_IN_SESSION,
    query =
        "select m from Member m where m.sessionId = :sessionId and m.leftAt is null order by m.joinedAt, m.userId")
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

  /** The last seq of the session a former member may read; null while a member. */
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

  /**
   * Leaves the session: from now on the member reads only what was posted up to {@code lastSeq}
   * (the caller passes the seq of the notice of their leaving, which they get).
   */
  void leave(long now, long lastSeq) {
    leftAt = now;
    leftSeq = lastSeq;
  }

  /** Joins again: the whole history is readable again, as for any member. */
  void rejoin(long now) {
    leftAt = null;
    leftSeq = null;
    joinedAt = now;
  }

  public boolean isActive() {
    return leftAt == null;
  }

  /**
   * Whether a looked-up membership ({@code found}, null when the user never belonged) makes its
   * user a current member: one who has not left.
   */
  public static boolean isCurrent(Member found) {
    return found != null && found.isActive();
  }

  /**
   * The rule for acting in a session (posting, recalling, changing it, asking who read what):
   * refuses (error-014) a user who never belonged or has left. Applied by the caller to what {@link
   * SessionRepository#membership} found, not thrown by the repository: a refusal thrown by another
   * bean marks the caller's transaction rollback-only, which would end a batch of envelopes.
   *
   * @param found the membership of {@code userId} in {@code sessionId}, or null
   */
  public static Member requireCurrent(Member found, String sessionId, String userId) {
    if (!isCurrent(found)) {
      throw new TlimException(ErrorCode.NOT_MEMBER, userId + " is not a member of " + sessionId);
    }
    return found;
  }

  /**
   * The rule for reading and receipts: a current or former member (whose reads {@link #covers}
   * bounds); refuses (error-014) a user who never belonged.
   *
   * @param found the membership of {@code userId} in {@code sessionId}, or null
   */
  public static Member requireCurrentOrFormer(Member found, String sessionId, String userId) {
    if (found == null) {
      throw new TlimException(ErrorCode.NOT_MEMBER, userId + " never belonged to " + sessionId);
    }
    return found;
  }

  /**
   * The membership window: whether this (current or former) member may read the session's message
   * numbered {@code seq}. A member reads the session's history; a former member only what was
   * posted up to their leaving. Every read that serves a former member (history, sync, offline,
   * files) asks this, or bounds its query by {@link #readableBefore()}.
   */
  public boolean covers(long seq) {
    Long last = lastReadableSeq();
    return last != null && seq <= last;
  }

  /**
   * The highest seq this member may read ({@link #covers}): any for a member ({@link
   * Long#MAX_VALUE}), the session's last seq when they left for a former member, and null for a
   * former member whose leaving was not numbered (nothing), so a query can bound a session by it.
   */
  public Long lastReadableSeq() {
    return leftAt == null ? Long.valueOf(Long.MAX_VALUE) : leftSeq;
  }

  /** Whether the read cursor has reached the session's message numbered {@code seq}. */
  public boolean hasRead(long seq) {
    return readSeq >= seq;
  }

  /** How this member read the message numbered {@code seq}: web, mobile, or {@link #UNREAD}. */
  public int readStatusOf(long seq) {
    return hasRead(seq) ? readStatus : UNREAD;
  }

  /**
   * The first seq this member may not read, for a query bounded by {@code seq < readableBefore}:
   * {@link #lastReadableSeq} + 1, none for a member ({@link Long#MAX_VALUE}), 0 for nothing.
   */
  public long readableBefore() {
    Long last = lastReadableSeq();
    if (last == null) {
      return 0;
    }
    return last == Long.MAX_VALUE ? Long.MAX_VALUE : last + 1;
  }

  public Long getLeftSeq() {
    return leftSeq;
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
