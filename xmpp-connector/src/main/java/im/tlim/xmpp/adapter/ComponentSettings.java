package im.tlim.xmpp.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The validated, immutable settings one component stream is opened with. */
public record ComponentSettings(
    String host,
    int port,
    String domain,
    String component,
    String secret,
    Duration connectTimeout,
    Duration reconnectMinDelay,
    Duration reconnectMaxDelay,
    Duration keepAliveInterval) {

  /** The component's own address, {@code <component>.<domain>}. */
  public String serviceAddress() {
    return component + "." + domain;
  }

  /** Every problem with the settings at once, empty when they are usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (host == null || host.isBlank()) {
      problems.add("xmppHost is empty");
    }
    if (port < 1 || port > 65535) {
      problems.add("xmppPort " + port + " is not a TCP port");
    }
    if (domain == null || domain.isBlank()) {
      problems.add("xmppDomain is empty");
    }
    if (component == null || component.isBlank() || component.contains(".")) {
      problems.add("componentName must be a single DNS label, was '" + component + "'");
    }
    if (secret == null || secret.isEmpty()) {
      problems.add("componentSecret is empty");
    }
    if (reconnectMinDelay.isNegative()
        || reconnectMinDelay.isZero()
        || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
      problems.add("reconnect delays must satisfy 0 < min <= max");
    }
    return problems;
  }

  @Override
  public String toString() {
    // never print the secret
    return "ComponentSettings[" + serviceAddress() + " via " + host + ":" + port + "]";
  }
}
