package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/** Restarts the Arquillian-managed server in place: every service stopped and started again. */
final class ServerReload {

  private ServerReload() {}

  /** Reloads the server and waits until it runs again with the application deployed. */
  static void reload(ManagementClient management) throws Exception {
    ModelNode reload = new ModelNode();
    reload.get("operation").set("reload");
    reload.get("address").setEmptyList();
    execute(management, reload);
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    Thread.sleep(1000);
    while (System.nanoTime() < deadline) {
      try {
        ModelNode state = new ModelNode();
        state.get("operation").set("read-attribute");
        state.get("address").add("deployment", "tlim.ear");
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

  static void execute(ManagementClient management, ModelNode op) throws Exception {
    ModelNode result = management.getControllerClient().execute(op);
    assertEquals("success", result.get("outcome").asString(), result.toString());
  }
}
