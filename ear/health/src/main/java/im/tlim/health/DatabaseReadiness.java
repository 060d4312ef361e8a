package im.tlim.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the database does not answer {@code select 1} within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  public static final String NAME = "tlim-database";

  @Inject private Probes probes;

  @Override
  public HealthCheckResponse call() {
    return probes.call(NAME);
  }
}
