package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The connector reconnects by itself when the XMPP server goes away and comes back. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class XmppServerRestartIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return TestEnvironment.ear();
  }

  @Test
  void serviceComesBackAfterTheXmppServerRestarts() throws Exception {
    try (XmppClient bob = XmppClient.online("bob", "mobile");
        XmppClient alice = XmppClient.online("alice", "mobile")) {
      String before = Envelopes.newId();
      alice.send(Envelopes.text("alice", "bob", before, "before"), null);
      assertEquals("ok", alice.awaitAnswer(before).path("result").asText());
    }

    TestEnvironment.restartXmppServer();

    try (XmppClient bob = XmppClient.online("bob", "mobile");
        XmppClient alice = XmppClient.online("alice", "mobile")) {
      String after = Envelopes.newId();
      alice.send(Envelopes.text("alice", "bob", after, "after"), null);
      assertEquals("ok", alice.awaitAnswer(after).path("result").asText());
      bob.await(r -> r.envelope().path("msg_id").asText().equals(after), Duration.ofSeconds(30));
    }
  }
}
