package im.tlim.it;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded default that {@code ./run.sh} runs (H2 under the server's data directory): WildFly
 * killed with SIGKILL under streaming load loses nothing answered ok and stores nothing twice.
 */
class EmbeddedDefaultFaultIT {

  private static ServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server = ServerProcess.onEmbeddedDefault("fault-h2", 600, Map.of()).prepare();
    server.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void wildFlyKilledUnderLoadThenStartedAgain() throws Exception {
    try (FaultScenario load = FaultScenario.start("h2kill", server, 3, 10)) {
      load.killAndRestart("kill -9 of WildFly on the embedded default, H2");
    }
  }
}
