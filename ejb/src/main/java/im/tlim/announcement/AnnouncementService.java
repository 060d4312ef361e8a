package im.tlim.announcement;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.session.Member;
import im.tlim.session.SessionRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** addPubact, findPubactList, modifyPubact, deletePubact. */
@Stateless
public class AnnouncementService {

  @PersistenceContext private EntityManager em;
  @EJB private SessionRepository sessions;
  @jakarta.inject.Inject private im.tlim.settings.Settings settings;

  /** Only current members post. Title and content are stored as given: data, never markup. */
  public Announcement add(String sessionId, String author, String title, String content) {
    checkSizes(title, content);
    sessions.find(sessionId).requireOpen();
    Member.requireCurrent(sessions.membership(sessionId, author), sessionId, author);
    Announcement announcement =
        new Announcement(sessionId, author, title, content, System.currentTimeMillis());
    em.persist(announcement);
    return announcement;
  }

  /** findPubactList: the session's newest announcements, at most {@code tlim.lists.max-entries}. */
  public List<Announcement> list(String sessionId) {
    sessions.find(sessionId);
    return em.createQuery(
            "select a from Announcement a where a.sessionId = :s order by a.id desc",
            Announcement.class)
        .setParameter("s", sessionId)
        .setMaxResults(settings.maxListEntries()) // the newest; one query
        .getResultList();
  }

  /**
   * @param actingUser who asks; null for a trusted server-side caller
   */
  public Announcement modify(long id, String actingUser, String title, String content) {
    checkSizes(title, content);
    Announcement announcement = editable(id, actingUser);
    announcement.edit(title, content, System.currentTimeMillis());
    return announcement;
  }

  public void delete(long id, String actingUser) {
    em.remove(editable(id, actingUser));
  }

  /** The announcement, if {@code actingUser} is its author or the session's creator. */
  private Announcement editable(long id, String actingUser) {
    Announcement announcement = em.find(Announcement.class, id);
    if (announcement == null) {
      throw new TlimException(ErrorCode.ANNOUNCEMENT_UNKNOWN, "no announcement " + id);
    }
    if (actingUser != null
        && !announcement.isAuthoredBy(actingUser)
        && !sessions.find(announcement.getSessionId()).isCreatedBy(actingUser)) {
      throw new TlimException(ErrorCode.NOT_AUTHORISED, "only the author or the creator edits");
    }
    return announcement;
  }

  private static void checkSizes(String title, String content) {
    if (title == null || title.isBlank() || title.length() > Announcement.MAX_TITLE) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID,
          "title must be 1.." + Announcement.MAX_TITLE + " characters");
    }
    if (content == null || content.length() > Announcement.MAX_CONTENT) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID,
          "content must be at most " + Announcement.MAX_CONTENT + " characters");
    }
  }
}
