package im.tlim.delivery;

import im.tlim.xmpp.api.XmppConnection;
import im.tlim.xmpp.api.XmppConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.resource.ResourceException;
import java.util.List;

/** Sends through the XMPP connector's connection factory. */
@ApplicationScoped
public class XmppGateway {

  @Resource(lookup = "java:/eis/tlim/xmpp")
  private XmppConnectionFactory connections;

  /** One envelope for one user's device (or bare address when resource is null). */
  public record Outgoing(String userId, String resource, String envelope, String location) {}

  /**
   * Sends envelopes in order through one connection handle: a batch's answers or a dispatch's
   * copies cost one trip through the connection pool, not one each.
   *
   * @throws ResourceException when the XMPP server cannot be reached now; those before the failing
   *     one were sent
   */
  public void sendAll(List<Outgoing> envelopes) throws ResourceException {
    if (envelopes.isEmpty()) {
      return;
    }
    try (XmppConnection connection = connections.getConnection()) {
      for (Outgoing each : envelopes) {
        connection.sendToUser(each.userId(), each.resource(), each.envelope(), each.location());
      }
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

  /** Which component stream is open (1, 2, … one more per reconnect), 0 when none is. */
  public long streamGeneration() {
    try (XmppConnection connection = connections.getConnection()) {
      return connection.streamGeneration();
    } catch (ResourceException e) {
      return 0;
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
  private volatile String serviceAddress;

  /**
   * The service's own address (e.g. {@code tlim.example.com}) as the connector is configured, or
   * null while the connector is not available.
   */
  public String cachedServiceAddress() {
    String address = serviceAddress;
    if (address == null) {
      try (XmppConnection connection = connections.getConnection()) {
        address = connection.serviceAddress();
      } catch (ResourceException | RuntimeException e) {
        return null;
      }
      serviceAddress = address;
    }
    return address;
  }

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
