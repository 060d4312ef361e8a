package im.tlim.presence;

import im.tlim.delivery.XmppGateway;
import im.tlim.user.UserService;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Rebuilds the presence registry whenever the component stream (re)connects — after an
 * application restart or an XMPP server restart — by probing every known user; the XMPP server
 * answers for each user subscribed to the service with their current presence.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PresenceProbe {

  private static final System.Logger LOG = System.getLogger(PresenceProbe.class.getName());
  private static final int PAGE = 500;

  /** How long the XMPP server gets to answer the probes before the registry counts as current. */
  private static final long ANSWER_GRACE_MILLIS = 3000;

  @Inject private XmppGateway xmpp;
  @Inject private PresenceRegistry registry;
  private volatile long probedAt;
  @EJB private UserService users;
  private volatile boolean probedThisConnection;

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  void checkConnection() {
    if (!xmpp.isConnected()) {
      probedThisConnection = false;
      return;
    }
    if (probedThisConnection) {
      if (System.currentTimeMillis() - probedAt >= ANSWER_GRACE_MILLIS) {
        registry.warmedUp();
      }
      return;
    }
    int probed = 0;
    try {
      for (int first = 0; ; first += PAGE) {
        List<String> ids = users.userIds(first, PAGE);
        for (String id : ids) {
          xmpp.probe(id);
        }
        probed += ids.size();
        if (ids.size() < PAGE) {
          break;
        }
      }
      probedThisConnection = true;
      probedAt = System.currentTimeMillis();
      LOG.log(Level.INFO, "probed the presence of {0} users", probed);
    } catch (ResourceException e) {
      LOG.log(Level.WARNING, "presence probe interrupted: {0}", e.getMessage());
    }
  }
}
