package im.tlim.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the component stream to the XMPP server is down: no envelope reaches the service
 * and no copy leaves it then (the connector reconnects by itself).
 */
@Readiness
@ApplicationScoped
public class XmppReadiness implements HealthCheck {

  public static final String NAME = "tlim-xmpp";

  @Inject private Probes probes;

  @Override
  public HealthCheckResponse call() {
    return probes.call(NAME);
  }
}
