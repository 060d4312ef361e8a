package im.tlim.offline;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Gives committed messages their {@code sync_seq}, the position syncMessage and getOffline read in.
 * A message's id is taken when it is persisted, so messages commit out of id order; its sync_seq is
 * taken after it committed, by one numbering transaction at a time: the lock on the clock row
 * (tlim_sync_clock) serialises them across every node that shares the database. A numbering only
 * sees committed rows and starts above the previous one's numbers, so a row numbered later is
 * always above every row a reader could see before: a reader that moves past a position never skips
 * anything that turns up below it. Reads call {@link #catchUp} first; {@link SyncSchedule} keeps
 * the backlog small in between.
 */
@Stateless
public class SyncSequencer {

  /** Rows one numbering transaction takes at most (keeps the clock's lock short). */
  static final int BATCH = 500;

  /** Numberings one catch-up runs at most before it lets its caller go on. */
  private static final int MAX_BATCHES = 20;

  @PersistenceContext private EntityManager em;
  @Resource private SessionContext context;

  /**
   * Numbers everything committed and not yet numbered (up to {@value #MAX_BATCHES} batches), so a
   * read that follows sees what committed before it. Cheap when nothing is pending: one index
   * look-up and no lock.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void catchUp() {
    boolean none =
        em.createNativeQuery(
                "select id from tlim_message where sync_seq is null fetch first 1 rows only")
            .getResultList()
            .isEmpty();
    if (none) {
      return; // one look-up in the sync_seq index: no transaction, no lock
    }
    SyncSequencer self = context.getBusinessObject(SyncSequencer.class);
    for (int i = 0; i < MAX_BATCHES && self.numberBatch() >= BATCH; i++) {
      // a full batch: more may be pending
    }
  }

  /**
   * One numbering transaction: locks the clock, numbers up to {@value #BATCH} pending rows (oldest
   * id first) above it, moves the clock past them and commits.
   *
   * @return how many rows it numbered
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int numberBatch() {
    long last =
        ((Number)
                em.createNativeQuery("select last_seq from tlim_sync_clock where id = 1 for update")
                    .getSingleResult())
            .longValue();
    // read after the lock: every row the previous numbering left is committed and visible
    List<Long> ids = pending(BATCH);
    if (ids.isEmpty()) {
      return 0;
    }
    long first = ids.get(0);
    long lastId = ids.get(ids.size() - 1);
    // sync_seq = id + offset: unique (ids are), all above the clock, in id order, one statement;
    // the gaps it leaves cost nothing
    long offset = last + 1 - first;
    int numbered =
        em.createNativeQuery(
                "update tlim_message set sync_seq = id + ?"
                    + " where sync_seq is null and id between ? and ?")
            .setParameter(1, offset)
            .setParameter(2, first)
            .setParameter(3, lastId)
            .executeUpdate();
    em.createNativeQuery("update tlim_sync_clock set last_seq = ? where id = 1")
        .setParameter(1, lastId + offset)
        .executeUpdate();
    return numbered;
  }

  /** The ids of up to {@code max} committed rows without a sync_seq, lowest first. */
  private List<Long> pending(int max) {
    List<?> rows =
        em.createNativeQuery(
                "select id from tlim_message where sync_seq is null order by id"
                    + " fetch first "
                    + max
                    + " rows only")
            .getResultList();
    return rows.stream().map(r -> ((Number) r).longValue()).toList();
  }
}
