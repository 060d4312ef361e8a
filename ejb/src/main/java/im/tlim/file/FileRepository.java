package im.tlim.file;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

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
   * Whether the user belongs (or belonged) to a conversation in which a message names the file.
   * A message "names" a file when its stored body contains the file's id: a scan of the message
   * bodies, acceptable while files are few and ids are long random strings; a table of file
   * references written when a file message is accepted would make it an index lookup.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean sentTo(String fileId, String userId) {
    String pattern = "%" + fileId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    Number found =
        (Number)
            em.createNativeQuery(
                    "select count(*) from tlim_message m join tlim_member mb"
                        + " on mb.session_id = m.session_id"
                        + " where mb.user_id = ?1 and m.body like ?2 escape '\\'")
                .setParameter(1, userId)
                .setParameter(2, pattern)
                .getSingleResult();
    return found.longValue() > 0;
  }
}
