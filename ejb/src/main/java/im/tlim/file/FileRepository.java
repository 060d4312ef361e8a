package im.tlim.file;

import im.tlim.session.Member;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The rows of stored files. Apart from {@link FileService} so that recording a file gets a
 * transaction of its own after the upload, which runs without one.
 */
@Stateless
public class FileRepository {

  @PersistenceContext private EntityManager em;

  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void record(StoredFile file) {
    em.persist(file);
  }

  /** The file with this id, or null. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public StoredFile find(String fileId) {
    return em.find(StoredFile.class, fileId);
  }

  /**
   * Whether a message that carries the file (the recorded relation, not a mention of its id in some
   * text) was posted in a conversation while the user was a member of it: a former member gets only
   * the files of messages within their window ({@link Member#covers}). A recalled message grants
   * nothing. One query, served by the relation's primary key and the members'.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean sentTo(String fileId, String userId) {
    List<Object[]> carriers =
        em.createQuery(
                "select m.seq, mb from MessageFile f, ChatMessage m, Member mb"
                    + " where f.fileId = :fileId and f.message = m and m.recalled = false"
                    + " and mb.sessionId = m.sessionId and mb.userId = :userId",
                Object[].class)
            .setParameter("fileId", fileId)
            .setParameter("userId", userId)
            .getResultList();
    return carriers.stream().anyMatch(row -> ((Member) row[1]).covers((Long) row[0]));
  }
}
