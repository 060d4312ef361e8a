package im.tlim.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The number of dead letters kept, as a readiness detail. Always UP once the service runs: dead
 * letters need an operator (findDeadLetters, redriveDeadLetters), not a restart or less traffic.
 */
@Readiness
@ApplicationScoped
public class DeadLetterReadiness implements HealthCheck {

  public static final String NAME = "tlim-dead-letters";

  @Inject private Probes probes;

  @Override
  public HealthCheckResponse call() {
    return probes.call(NAME);
  }
}
