package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connector reconnects by itself when the XMPP server goes away and comes back. */
class XmppServerRestartIT extends BlackBoxTest {

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
