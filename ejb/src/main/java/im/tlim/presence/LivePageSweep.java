package im.tlim.presence;

import im.tlim.observability.TlimLogger;
import im.tlim.user.UserService;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Every two seconds closes the pages of this node whose token has expired or whose user was
 * removed. The removal is read from the database, not announced in memory, so a removeUser answered
 * by another node closes this node's pages too. Once a minute it also forgets the live tickets that
 * expired unused.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LivePageSweep {

  private static final TlimLogger LOG = TlimLogger.of(LivePageSweep.class);

  @Inject private LiveConnections pages;
  @EJB private UserService users;
  @EJB private LiveTickets tickets;

  @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
  void sweep() {
    pages.closeExpired(System.currentTimeMillis());
    Set<String> connected = pages.users();
    if (connected.isEmpty()) {
      return;
    }
    try {
      users.removedAmong(connected).forEach(pages::closeUser);
    } catch (RuntimeException e) {
      // the database is away: the next sweep tries again
      LOG.livePageUsersUnchecked(e.toString());
    }
  }

  /** Once a minute, the tickets that were never redeemed are forgotten. */
  @Schedule(minute = "*", hour = "*", persistent = false)
  void purgeTickets() {
    try {
      tickets.purgeExpired(System.currentTimeMillis());
    } catch (RuntimeException e) {
      LOG.liveTicketsNotPurged(e.toString());
    }
  }
}
