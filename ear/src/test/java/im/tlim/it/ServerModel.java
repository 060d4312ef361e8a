package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * The managed server's configuration model, read and changed over its management API as an
 * operator's CLI does. An address is given as type/name pairs ({@code "system-property", name}).
 */
final class ServerModel {

  private ServerModel() {}

  /** An operation on the resource at this address (no pairs: the server itself). */
  static ModelNode operation(String name, String... address) {
    ModelNode op = new ModelNode();
    op.get("operation").set(name);
    ModelNode path = op.get("address").setEmptyList();
    for (int i = 0; i < address.length; i += 2) {
      path.add(address[i], address[i + 1]);
    }
    return op;
  }

  /** The address of one of the broker's JMS queues. */
  static String[] jmsQueue(String name) {
    return new String[] {"subsystem", "messaging-activemq", "server", "default", "jms-queue", name};
  }

  /** The address of the broker's address-setting for this match. */
  static String[] addressSetting(String match) {
    return new String[] {
      "subsystem", "messaging-activemq", "server", "default", "address-setting", match
    };
  }

  /** Runs the operation and checks that it succeeded; its result. */
  static ModelNode execute(ManagementClient management, ModelNode op) throws IOException {
    ModelNode outcome = management.getControllerClient().execute(op);
    assertEquals("success", outcome.get("outcome").asString(), outcome.toString());
    return outcome.get("result");
  }

  /** One attribute of the resource at this address (an expression stays unresolved). */
  static ModelNode readAttribute(ManagementClient management, String attribute, String... address)
      throws IOException {
    ModelNode op = operation("read-attribute", address);
    op.get("name").set(attribute);
    return execute(management, op);
  }

  static void writeAttribute(
      ManagementClient management, String attribute, ModelNode value, String... address)
      throws IOException {
    ModelNode op = operation("write-attribute", address);
    op.get("name").set(attribute);
    op.get("value").set(value);
    execute(management, op);
  }
}
