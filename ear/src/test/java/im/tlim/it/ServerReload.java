package im.tlim.it;

import java.time.Duration;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/** Restarts the Arquillian-managed server in place: every service stopped and started again. */
final class ServerReload {

  private ServerReload() {}

  /** Reloads the server and waits until it runs again with the application deployed. */
  static void reload(ManagementClient management) throws Exception {
    ServerModel.execute(management, ServerModel.operation("reload"));
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    Thread.sleep(1000);
    while (System.nanoTime() < deadline) {
      try {
        ModelNode state = ServerModel.operation("read-attribute", "deployment", "tlim.ear");
        state.get("name").set("status");
        ModelNode result = management.getControllerClient().execute(state);
        if ("OK".equals(result.get("result").asString())) {
          return;
        }
      } catch (Exception e) {
        // the management interface is restarting
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the server did not come back within 120 s");
  }
}
