package im.tlim.xmpp.adapter;

import im.tlim.xmpp.inbound.EndpointActivation;
import im.tlim.xmpp.inbound.XmppActivationSpec;
import im.tlim.xmpp.logging.ConnectorLogger;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import javax.transaction.xa.XAResource;

/**
 * The XMPP resource adapter: one XEP-0114 component connection per adapter instance, shared by
 * every outbound connection handle and feeding every activated endpoint. The operator configures it
 * on the server (see {@code wildfly-config/scripts}); every property has a default for a local
 * development server.
 */
@Connector(
    displayName = "tlim XMPP connector",
    description = "Connects to an XMPP server as an external component (XEP-0114)",
    vendorName = "tlim",
    eisType = "XMPP",
    version = "1.0",
    transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class XmppResourceAdapter implements ResourceAdapter, java.io.Serializable {

  private static final long serialVersionUID = 1L;
  private static final ConnectorLogger LOG = ConnectorLogger.of(XmppResourceAdapter.class);

  @ConfigProperty(defaultValue = "127.0.0.1", description = "XMPP server host")
  private String xmppHost = "127.0.0.1";

  @ConfigProperty(defaultValue = "5347", description = "XMPP server's component (XEP-0114) port")
  private Integer xmppPort = 5347;

  @ConfigProperty(defaultValue = "localhost", description = "XMPP domain the users live on")
  private String xmppDomain = "localhost";

  @ConfigProperty(
      defaultValue = "tlim",
      description = "Component subdomain; the service address is <component>.<domain>")
  private String componentName = "tlim";

  // confidential: tools and the container mask it; the settings' toString never prints it
  @ConfigProperty(
      confidential = true,
      description = "Shared secret of the component, as configured on the XMPP server")
  private String componentSecret = "";

  @ConfigProperty(defaultValue = "5000", description = "TCP connect timeout, ms")
  private Integer connectTimeoutMillis = 5000;

  @ConfigProperty(defaultValue = "500", description = "First reconnect delay, ms")
  private Integer reconnectMinDelayMillis = 500;

  @ConfigProperty(defaultValue = "30000", description = "Longest reconnect delay, ms")
  private Integer reconnectMaxDelayMillis = 30000;

  @ConfigProperty(defaultValue = "30", description = "Whitespace keep-alive interval, s")
  private Integer keepAliveSeconds = 30;

  private transient Map<MessageEndpointFactory, EndpointActivation> activations;
  private transient ComponentSupervisor supervisor;
  private transient BootstrapContext bootstrap;
  private transient Timer timer;

  @Override
  public void start(BootstrapContext context) throws ResourceAdapterInternalException {
    ComponentSettings settings = settings();
    List<String> problems = settings.problems();
    if (!problems.isEmpty()) {
      throw new ResourceAdapterInternalException(
          "tlim XMPP connector is misconfigured: " + String.join("; ", problems));
    }
    bootstrap = context;
    activations = new ConcurrentHashMap<>();
    supervisor = new ComponentSupervisor(settings, new StanzaRouter(activations.values()));
    try {
      context.getWorkManager().scheduleWork(supervisor);
    } catch (WorkException e) {
      throw new ResourceAdapterInternalException("cannot start the component stream", e);
    }
    try {
      timer = context.createTimer();
      long period = Duration.ofSeconds(keepAliveSeconds).toMillis();
      timer.schedule(
          new TimerTask() {
            @Override
            public void run() {
              supervisor.keepAlive();
            }
          },
          period,
          period);
    } catch (jakarta.resource.spi.UnavailableException e) {
      LOG.noKeepAliveTimer(e.getMessage());
    }
    LOG.connectorStarted(settings);
  }

  @Override
  public void stop() {
    if (timer != null) {
      timer.cancel();
    }
    if (supervisor != null) {
      supervisor.release();
    }
    LOG.connectorStopped();
  }

  @Override
  public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec)
      throws ResourceException {
    if (!(spec instanceof XmppActivationSpec xmppSpec)) {
      throw new NotSupportedException("unexpected activation spec " + spec);
    }
    xmppSpec.validate();
    EndpointActivation activation =
        new EndpointActivation(factory, xmppSpec, bootstrap.getWorkManager());
    activations.put(factory, activation);
    LOG.endpointActivated(activation);
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
    EndpointActivation removed = activations.remove(factory);
    if (removed != null) {
      LOG.endpointDeactivated(removed);
    }
  }

  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) {
    return new XAResource[0];
  }

  /** The open stream, or null while the adapter is (re)connecting. */
  ComponentStream stream() {
    return supervisor == null ? null : supervisor.stream();
  }

  /** Whether the component stream is up and authenticated. */
  public boolean isConnected() {
    return stream() != null;
  }

  /** The open stream's generation (1, 2, … per reconnect), or 0 while none is open. */
  public long streamGeneration() {
    ComponentStream stream = stream();
    return stream == null ? 0 : stream.generation();
  }

  /** Sends a chat message from the service address to {@code userId@domain[/resource]}. */
  public void sendToUser(String userId, String resource, String body, String location)
      throws ResourceException {
    ComponentSettings settings = settings();
    String to = userId + "@" + settings.domain() + (resource == null ? "" : "/" + resource);
    try {
      write(Stanzas.chatMessage(settings.serviceAddress(), to, body, location));
    } catch (org.jxmpp.stringprep.XmppStringprepException e) {
      throw new ResourceException("not a valid XMPP address: " + to, e);
    }
  }

  /** Sends the service's presence to {@code userId@domain[/resource]}. */
  public void sendPresence(String userId, String resource, boolean available)
      throws ResourceException {
    ComponentSettings settings = settings();
    String to = userId + "@" + settings.domain() + (resource == null ? "" : "/" + resource);
    try {
      write(
          Stanzas.presence(
              settings.serviceAddress(),
              to,
              available
                  ? org.jivesoftware.smack.packet.Presence.Type.available
                  : org.jivesoftware.smack.packet.Presence.Type.unavailable));
    } catch (org.jxmpp.stringprep.XmppStringprepException e) {
      throw new ResourceException("not a valid XMPP address: " + to, e);
    }
  }

  /** Asks the XMPP server for a user's current presence. */
  public void probePresence(String userId) throws ResourceException {
    ComponentSettings settings = settings();
    String to = userId + "@" + settings.domain();
    try {
      write(
          Stanzas.presence(
              settings.serviceAddress(), to, org.jivesoftware.smack.packet.Presence.Type.probe));
    } catch (org.jxmpp.stringprep.XmppStringprepException e) {
      throw new ResourceException("not a valid XMPP address: " + to, e);
    }
  }

  public String userDomain() {
    return xmppDomain;
  }

  public String serviceAddress() {
    return settings().serviceAddress();
  }

  private void write(String xml) throws ResourceException {
    ComponentStream stream = stream();
    if (stream == null) {
      throw new ResourceException("the XMPP component stream is not connected");
    }
    try {
      stream.write(xml);
    } catch (java.io.IOException e) {
      // the supervisor sees the same failure on its read side and reconnects
      stream.close();
      throw new ResourceException("write to the XMPP server failed: " + e.getMessage(), e);
    }
  }

  ComponentSettings settings() {
    return new ComponentSettings(
        xmppHost,
        xmppPort == null ? 0 : xmppPort,
        xmppDomain,
        componentName,
        componentSecret,
        Duration.ofMillis(orDefault(connectTimeoutMillis, 5000)),
        Duration.ofMillis(orDefault(reconnectMinDelayMillis, 500)),
        Duration.ofMillis(orDefault(reconnectMaxDelayMillis, 30000)),
        Duration.ofSeconds(orDefault(keepAliveSeconds, 30)));
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  public String getXmppHost() {
    return xmppHost;
  }

  public void setXmppHost(String xmppHost) {
    this.xmppHost = xmppHost;
  }

  public Integer getXmppPort() {
    return xmppPort;
  }

  public void setXmppPort(Integer xmppPort) {
    this.xmppPort = xmppPort;
  }

  public String getXmppDomain() {
    return xmppDomain;
  }

  public void setXmppDomain(String xmppDomain) {
    this.xmppDomain = xmppDomain;
  }

  public String getComponentName() {
    return componentName;
  }

  public void setComponentName(String componentName) {
    this.componentName = componentName;
  }

  public String getComponentSecret() {
    return componentSecret;
  }

  public void setComponentSecret(String componentSecret) {
    this.componentSecret = componentSecret;
  }

  public Integer getConnectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  public void setConnectTimeoutMillis(Integer connectTimeoutMillis) {
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  public Integer getReconnectMinDelayMillis() {
    return reconnectMinDelayMillis;
  }

  public void setReconnectMinDelayMillis(Integer reconnectMinDelayMillis) {
    this.reconnectMinDelayMillis = reconnectMinDelayMillis;
  }

  public Integer getReconnectMaxDelayMillis() {
    return reconnectMaxDelayMillis;
  }

  public void setReconnectMaxDelayMillis(Integer reconnectMaxDelayMillis) {
    this.reconnectMaxDelayMillis = reconnectMaxDelayMillis;
  }

  public Integer getKeepAliveSeconds() {
    return keepAliveSeconds;
  }

  public void setKeepAliveSeconds(Integer keepAliveSeconds) {
    this.keepAliveSeconds = keepAliveSeconds;
  }

  // JCA 1.7 §5.3.1: a resource adapter compares by its configuration
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof XmppResourceAdapter that)) {
      return false;
    }
    return Objects.equals(xmppHost, that.xmppHost)
        && Objects.equals(xmppPort, that.xmppPort)
        && Objects.equals(xmppDomain, that.xmppDomain)
        && Objects.equals(componentName, that.componentName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(xmppHost, xmppPort, xmppDomain, componentName);
  }
}
