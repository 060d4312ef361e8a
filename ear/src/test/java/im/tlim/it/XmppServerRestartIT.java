package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

    prosodyctl("restart");

    try (XmppClient bob = XmppClient.online("bob", "mobile");
        XmppClient alice = XmppClient.online("alice", "mobile")) {
      String after = Envelopes.newId();
      alice.send(Envelopes.text("alice", "bob", after, "after"), null);
      assertEquals("ok", alice.awaitAnswer(after).path("result").asText());
      bob.await(r -> r.envelope().path("msg_id").asText().equals(after), Duration.ofSeconds(30));
    }
  }

  private static void prosodyctl(String command) throws Exception {
    Process p = new ProcessBuilder("prosodyctl", "--config", System.getProperty("it.prosody.config"), command)
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("prosodyctl " + command + " failed: " + out);
    }
  }
}
