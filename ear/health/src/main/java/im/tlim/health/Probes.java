package im.tlim.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The probes behind the readiness checks, registered by the EJB module when it starts ({@code
 * im.tlim.observability.HealthProbes}): the checks must live here, in the EAR's lib, where WildFly
 * looks for them, but what they check (the XMPP connector, the database) is the EJB module's, which
 * this jar cannot see. A check whose probe is not registered yet is DOWN.
 */
@ApplicationScoped
public class Probes {

  private final Map<String, Supplier<HealthCheckResponse>> byName = new ConcurrentHashMap<>();

  /** Makes {@code probe} answer the check {@code name}. */
  public void register(String name, Supplier<HealthCheckResponse> probe) {
    byName.put(name, probe);
  }

  /** The named probe's answer; DOWN while none is registered or when it fails. */
  HealthCheckResponse call(String name) {
    Supplier<HealthCheckResponse> probe = byName.get(name);
    if (probe == null) {
      return HealthCheckResponse.named(name).down().withData("state", "starting").build();
    }
    try {
      return probe.get();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named(name).down().withData("problem", e.toString()).build();
    }
  }
}
