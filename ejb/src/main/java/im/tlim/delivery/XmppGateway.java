package im.tlim.delivery;

import im.tlim.xmpp.api.XmppConnection;
import im.tlim.xmpp.api.XmppConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;

/** Sends through the XMPP connector's connection factory. */
@ApplicationScoped
public class XmppGateway {

  @Resource(lookup = "java:/eis/tlim/xmpp")
  private XmppConnectionFactory connections;

  /**
   * Sends an envelope to a user.
   *
   * @throws ResourceException when the XMPP server cannot be reached now
   */
  public void send(String userId, String resource, String envelope, String location)
      throws ResourceException {
    try (XmppConnection connection = connections.getConnection()) {
      connection.sendToUser(userId, resource, envelope, location);
    }
  }

  /** Asks the XMPP server for a user's presence (answered to the service if subscribed). */
  public void probe(String userId) throws ResourceException {
    try (XmppConnection connection = connections.getConnection()) {
      connection.probePresence(userId);
    }
  }

  /** The service's presence to one device of a user. */
  public void sendPresence(String userId, String resource, boolean available)
      throws ResourceException {
    try (XmppConnection connection = connections.getConnection()) {
      connection.sendPresence(userId, resource, available);
    }
  }

  /** Whether the component stream is up now. */
  public boolean isConnected() {
    try (XmppConnection connection = connections.getConnection()) {
      return connection.isConnected();
    } catch (ResourceException e) {
      return false;
    }
  }

  private volatile String userDomain;

  /** The XMPP domain users live on, as the connector is configured (fixed while deployed). */
  public String cachedUserDomain() {
    String domain = userDomain;
    if (domain == null) {
      try (XmppConnection connection = connections.getConnection()) {
        domain = connection.userDomain();
      } catch (ResourceException e) {
        throw new IllegalStateException("the XMPP connector is not available", e);
      }
      userDomain = domain;
    }
    return domain;
  }
}
