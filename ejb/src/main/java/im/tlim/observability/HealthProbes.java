package im.tlim.observability;

import im.tlim.health.DatabaseReadiness;
import im.tlim.health.DeadLetterReadiness;
import im.tlim.health.Probes;
import im.tlim.health.XmppReadiness;
import im.tlim.xmpp.api.XmppConnection;
import im.tlim.xmpp.api.XmppConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.util.OptionalLong;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Registers the probes behind the readiness checks of {@code im.tlim.health} when the application
 * starts. Like the gauges, the probes touch only plain objects (the connector's factory, the
 * {@code @Dependent} {@link ObservedDatabase}): they run on the health endpoint's thread.
 */
@ApplicationScoped
public class HealthProbes {

  @Inject private Probes probes;
  @Inject private ObservedDatabase database;

  @Resource(lookup = "java:/eis/tlim/xmpp")
  private XmppConnectionFactory connections;

  void register(@Observes Startup startup) {
    XmppConnectionFactory xmpp = connections;
    ObservedDatabase db = database;
    probes.register(XmppReadiness.NAME, () -> xmpp(xmpp));
    probes.register(DatabaseReadiness.NAME, () -> database(db));
    probes.register(DeadLetterReadiness.NAME, () -> deadLetters(db));
  }

  /** Down while the component stream is down: nothing reaches the service or leaves it. */
  static HealthCheckResponse xmpp(XmppConnectionFactory connections) {
    boolean connected;
    try (XmppConnection connection = connections.getConnection()) {
      connected = connection.isConnected();
    } catch (ResourceException e) {
      connected = false;
    }
    return HealthCheckResponse.named(XmppReadiness.NAME)
        .status(connected)
        .withData("component", connected ? "connected" : "disconnected")
        .build();
  }

  /** Down while the database does not answer {@code select 1} in time. */
  static HealthCheckResponse database(ObservedDatabase database) {
    String problem = database.problem();
    var response = HealthCheckResponse.named(DatabaseReadiness.NAME).status(problem == null);
    return (problem == null ? response : response.withData("problem", problem)).build();
  }

  /** Always up: the count is a detail for operators. */
  static HealthCheckResponse deadLetters(ObservedDatabase database) {
    OptionalLong count = database.deadLetterCount();
    var response = HealthCheckResponse.named(DeadLetterReadiness.NAME).up();
    return (count.isPresent()
            ? response.withData("count", count.getAsLong())
            : response.withData("count", "unknown"))
        .build();
  }
}
