package im.tlim.presence;

import im.tlim.delivery.XmppGateway;
import im.tlim.observability.TlimLogger;
import im.tlim.user.UserService;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.util.List;

/**
 * Rebuilds the presence registry whenever a component stream opens — after an application restart,
 * an XMPP server restart or a dropped connection, however quickly it reconnected — by probing every
 * known user; the XMPP server answers for each user subscribed to the service with their current
 * presence. Checks the stream every second; a stream that is gone empties the registry at once.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PresenceProbe {

  private static final TlimLogger LOG = TlimLogger.of(PresenceProbe.class);
  private static final int PAGE = 500;

  /** How long the XMPP server gets to answer the probes before the registry counts as current. */
  private static final long ANSWER_GRACE_NANOS = 3_000_000_000L;

  @Inject private XmppGateway xmpp;
  @Inject private PresenceRegistry registry;
  @EJB private UserService users;

  /** The stream probed last, and when its probes were sent. */
  private volatile long probedStream;

  private volatile long probedAt;

  @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
  void checkConnection() {
    long stream = xmpp.streamGeneration();
    registry.streamIs(stream);
    if (stream == 0) {
      return;
    }
    if (probedStream == stream) {
      if (System.nanoTime() - probedAt >= ANSWER_GRACE_NANOS) {
        registry.probeAnswered(stream);
      }
      return;
    }
    int probed = 0;
    try {
      for (int first = 0; ; first += PAGE) {
        List<String> ids = users.userIds(first, PAGE);
        for (String id : ids) {
          // an entry from before ids were checked may be none an XMPP server could answer for
          if (im.tlim.user.UserIds.isAddressable(id)) {
            xmpp.probe(id);
          }
        }
        probed += ids.size();
        if (ids.size() < PAGE) {
          break;
        }
      }
      probedStream = stream;
      probedAt = System.nanoTime();
      LOG.presenceProbed(probed, stream);
    } catch (ResourceException | RuntimeException e) {
      // the stream dropped meanwhile, or the directory is unreachable: the next second retries
      LOG.presenceProbeInterrupted(e.toString());
    }
  }
}
