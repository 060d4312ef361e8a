package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.Test;

/**
 * The first minute after a start: new users subscribe to the service, a group is created at once
 * and its first message is sent, all before the service has had its presence probes answered.
 * Devices that announced themselves get their copies at once, and the sender its answer, within
 * seconds (runs against Prosody and against ejabberd).
 */
class StartupIT extends BlackBoxTest {

  /** Prompt, on a busy two-core test machine. */
  private static final Duration PROMPT = Duration.ofSeconds(5);

  @ArquillianResource private ManagementClient management;

  @Test
  void rightAfterAStartNewSubscribersOfANewGroupGetItsFirstMessageAtOnce() throws Exception {
    String run = Envelopes.newId().substring(0, 6);
    List<String> users = List.of("start-a-" + run, "start-b-" + run, "start-c-" + run);
    for (String user : users) {
      TestEnvironment.registerXmppUser(user, user + "pw");
    }
    ServerReload.reload(management);

    try (XmppClient alice = XmppClient.online(users.get(0), "mobile").subscribe();
        XmppClient bob = XmppClient.online(users.get(1), "mobile").subscribe();
        XmppClient carol = XmppClient.online(users.get(2), "web").subscribe()) {
      String sessionId = Groups.byService(alice.user, bob.user, carol.user);

      String id = Envelopes.newId();
      long sent = System.nanoTime();
      alice.send(GroupMessageIT.groupText(alice.user, sessionId, id, "first"), "mobile");
      JsonNode answer =
          alice
              .await(r -> r.type().equals("MTC-001") && r.bodyText("msg_id").equals(id), PROMPT)
              .envelope()
              .path("body")
              .path(0);
      assertEquals("ok", answer.path("result").asText(), answer.toString());
      for (XmppClient member : List.of(bob, carol)) {
        member.await(r -> r.envelope().path("msg_id").asText().equals(id), PROMPT);
      }
      System.out.printf(
          "StartupIT: answer and copies within %d ms of sending, right after a start%n",
          Duration.ofNanos(System.nanoTime() - sent).toMillis());
    }
  }
}
