package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * Nothing answered ok is lost when the server stops: delivery is held back, the message is
 * answered, the server is reloaded (every service stopped and started, the JMS journal and the
 * database kept), and the message then arrives exactly once. The clients stay connected to the XMPP
 * server throughout; after the restart the service learns who is online by probing.
 */
class RestartIT extends BlackBoxTest {

  @ArquillianResource private ManagementClient management;

  @Test
  void answeredMessageIsDeliveredOnceAfterARestart() throws Exception {
    try (XmppClient bob = XmppClient.online("bob", "mobile").subscribe();
        XmppClient alice = XmppClient.online("alice", "mobile")) {
      execute(deliveryConsumer("stop-delivery"));
      String id = Envelopes.newId();
      alice.send(Envelopes.text("alice", "bob", id, "survives a restart"), null);
      assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
      // no marker can pass a stopped consumer: wait instead until its copy is seen waiting in the
      // queue
      awaitQueued("tlim.delivery");
      assertFalse(
          bob.drain().stream().anyMatch(r -> r.envelope().path("msg_id").asText().equals(id)),
          "held back before the restart");

      reload();

      // the service probes bob's presence (he is subscribed) and delivers the held message
      bob.await(r -> r.envelope().path("msg_id").asText().equals(id), Duration.ofSeconds(60));
      alice.awaitService(Duration.ofSeconds(60));
      String marker = Envelopes.newId();
      alice.send(Envelopes.text("alice", "bob", marker, "after"), null);
      assertEquals("ok", alice.awaitAnswer(marker).path("result").asText());
      // copies of one pair are delivered in order: a second copy would have come before the marker
      bob.await(r -> r.envelope().path("msg_id").asText().equals(marker), Duration.ofSeconds(30));
      assertFalse(
          bob.drain().stream().anyMatch(r -> r.envelope().path("msg_id").asText().equals(id)),
          "delivered once");
    }
  }

  /** Waits until the broker counts a message in the queue (answered means committed to it). */
  private void awaitQueued(String queue) throws Exception {
    ModelNode count = ServerModel.operation("read-attribute", ServerModel.jmsQueue(queue));
    count.get("name").set("message-count");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (management.getControllerClient().execute(count).get("result").asLong(0) < 1) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no message waits in " + queue);
      }
      Thread.sleep(50);
    }
  }

  private static ModelNode deliveryConsumer(String operation) {
    return ServerModel.operation(
        operation,
        "deployment",
        "tlim.ear",
        "subdeployment",
        "tlim-ejb.jar",
        "subsystem",
        "ejb3",
        "message-driven-bean",
        "DeliveryConsumer");
  }

  private void execute(ModelNode op) throws Exception {
    ServerModel.execute(management, op);
  }

  private void reload() throws Exception {
    ServerReload.reload(management);
  }
}
