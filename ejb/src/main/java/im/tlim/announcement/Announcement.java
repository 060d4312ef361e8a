package im.tlim.announcement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** An announcement of a group session. */
@Entity
@Table(name = "tlim_announcement")
public class Announcement {

  /** The longest title, in characters; a title is never blank. */
  public static final int MAX_TITLE = 128;

  /** The longest text, in characters. */
  public static final int MAX_CONTENT = 4000;

  @Id
  @SequenceGenerator(
      name = "announcement_id",
      sequenceName = "tlim_announcement_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "announcement_id")
  private Long id;

  @Column(name = "session_id", nullable = false, length = 160, updatable = false)
  private String sessionId;

  @Column(nullable = false, length = 64, updatable = false)
  private String author;

  @Column(nullable = false, length = MAX_TITLE)
  private String title;

  @Column(nullable = false)
  private String content;

  @Column(nullable = false)
  private long ts;

  protected Announcement() {}

  Announcement(String sessionId, String author, String title, String content, long now) {
    this.sessionId = sessionId;
    this.author = author;
    this.title = title;
    this.content = content;
    this.ts = now;
  }

  void edit(String newTitle, String newContent, long now) {
    title = newTitle;
    content = newContent;
    ts = now;
  }

  /** Whether {@code userId} posted it (the author, and the session's creator, edit it). */
  boolean isAuthoredBy(String userId) {
    return author.equals(userId);
  }

  public Long getId() {
    return id;
  }

  public String getSessionId() {
    return sessionId;
  }

  public String getAuthor() {
    return author;
  }

  public String getTitle() {
    return title;
  }

  public String getContent() {
    return content;
  }

  public long getTs() {
    return ts;
  }
}
