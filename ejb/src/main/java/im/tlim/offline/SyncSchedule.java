package im.tlim.offline;

import im.tlim.observability.TlimLogger;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * Numbers committed messages every second ({@link SyncSequencer}), so the numbering a read does
 * first is small. Runs on every node; they take turns on the clock row. Starts after the schema
 * migration, which creates the clock.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SyncSchedule {

  private static final TlimLogger LOG = TlimLogger.of(SyncSchedule.class);

  @EJB private SyncSequencer sequencer;

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void numberCommitted() {
    try {
      sequencer.catchUp();
    } catch (RuntimeException e) {
      // the next second tries again, and a read numbers what it needs itself
      LOG.syncNumberingFailed(e.toString());
    }
  }
}
