package im.tlim.session;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A conversation: a group, or the 1:1 pair of two users. It carries the rules about itself: whether
 * it is open, a group, who created it and who may remove a member.
 */
@Entity
@Table(name = "tlim_session")
public class ChatSession {

  static final int OPEN = 0;
  static final int CLOSED = 1;

  /** The longest group name, in characters. */
  public static final int MAX_NAME = 128;

  @Id
  @Column(name = "session_id", length = 160)
  private String sessionId;

  @Column(name = "session_type", nullable = false)
  private int sessionType;

  @Column(name = "session_name", nullable = false, length = MAX_NAME)
  private String sessionName;

  @Column(name = "creator", nullable = false, length = 64)
  private String sessionUser;

  @Column(length = 512)
  private String pic;

  @Column(name = "create_time", nullable = false, updatable = false)
  private long createTime;

  @Column(name = "modify_time", nullable = false)
  private long modifyTime;

  @Column(name = "delete_time")
  private Long deleteTime;

  @Column(nullable = false)
  private int valid;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "message_count", nullable = false)
  private long messageCount;

  @Column(name = "clear_requested_by", length = 64)
  private String clearRequestedBy;

  protected ChatSession() {}

  /** The session id of the 1:1 pair of two users, the same whichever of them asks. */
  public static String pairKey(String a, String b) {
    return PairKey.of(a, b).sessionId();
  }

  static ChatSession pair(String creator, String peer, long now) {
    ChatSession s = new ChatSession();
    s.sessionId = PairKey.of(creator, peer).sessionId();
    s.sessionType = SessionType.PAIR;
    s.sessionName = "";
    s.sessionUser = creator;
    s.createTime = now;
    s.modifyTime = now;
    return s;
  }

  static ChatSession group(String id, int type, String name, String creator, long now) {
    ChatSession s = new ChatSession();
    s.sessionId = id;
    s.sessionType = type;
    s.sessionName = name;
    s.sessionUser = creator;
    s.createTime = now;
    s.modifyTime = now;
    return s;
  }

  /** Numbers the next message of this session; the caller holds the row lock. */
  public long nextSeq() {
    lastSeq++;
    messageCount++;
    modifyTime = System.currentTimeMillis();
    return lastSeq;
  }

  void rename(String name, long now) {
    sessionName = name;
    modifyTime = now;
  }

  void changePic(String newPic, long now) {
    pic = newPic;
    modifyTime = now;
  }

  /** deleteSession and dissolved: closed for new messages, history kept. */
  void close(long now) {
    valid = CLOSED;
    deleteTime = now;
    modifyTime = now;
  }

  void touch(long now) {
    modifyTime = now;
  }

  /** Records a pending request (MTT-200) to clear a pair's history. */
  public void requestClear(String requester) {
    clearRequestedBy = requester;
  }

  /** Consumes the pending request of {@code requester}; false when there is none. */
  public boolean answerClear(String requester) {
    if (!requester.equals(clearRequestedBy)) {
      return false;
    }
    clearRequestedBy = null;
    return true;
  }

  /** The stored history was deleted: the total starts again from zero. */
  public void historyCleared() {
    messageCount = 0;
  }

  /** Open: not closed by deleteSession or dissolved. */
  public boolean isOpen() {
    return valid == OPEN;
  }

  public boolean isPair() {
    return sessionType == SessionType.PAIR;
  }

  /** Refuses (error-015) a session that is closed: nothing new is posted to it. */
  public ChatSession requireOpen() {
    if (!isOpen()) {
      throw new TlimException(ErrorCode.SESSION_CLOSED, "session " + sessionId + " is closed");
    }
    return this;
  }

  /**
   * Refuses a 1:1 pair (error-009: no such group) and a closed group (error-015): what group
   * messages and every change of a group need.
   */
  public ChatSession requireOpenGroup() {
    if (isPair()) {
      throw new TlimException(ErrorCode.SESSION_UNKNOWN, "not a group session: " + sessionId);
    }
    return requireOpen();
  }

  /** Whether {@code userId} created the session (a group's creator has the last word in it). */
  public boolean isCreatedBy(String userId) {
    return sessionUser.equals(userId);
  }

  /** A member leaves by themselves; only the creator removes someone else. */
  public boolean mayRemove(String actor, String memberId) {
    return memberId.equals(actor) || isCreatedBy(actor);
  }

  /** For a pair: the user who is not {@code userId}. */
  public String peerOf(String userId) {
    return PairKey.parse(sessionId).orElseThrow().peerOf(userId);
  }

  public String getSessionId() {
    return sessionId;
  }

  public int getSessionType() {
    return sessionType;
  }

  public String getSessionName() {
    return sessionName;
  }

  public String getSessionUser() {
    return sessionUser;
  }

  public String getPic() {
    return pic;
  }

  public long getCreateTime() {
    return createTime;
  }

  public long getModifyTime() {
    return modifyTime;
  }

  public Long getDeleteTime() {
    return deleteTime;
  }

  public int getValid() {
    return valid;
  }

  public long getLastSeq() {
    return lastSeq;
  }

  public long getMessageCount() {
    return messageCount;
  }
}
