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
}
