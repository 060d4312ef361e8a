package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Health and metrics as an orchestrator and a scraper see them, on the management interface: alive;
 * ready only while the XMPP component stream is up (the tests' XMPP server is stopped and started
 * again) and the database answers; envelope, latency, copy and reconnect metrics move when messages
 * are sent and the stream comes back.
 */
class HealthIT extends BlackBoxTest {

  @Test
  void aliveWithTheServicesOwnCheck() throws Exception {
    Management.Health live = Management.health("/health/live");
    assertTrue(live.up(), live.toString());
    JsonNode threads = live.check("tlim-threads");
    assertEquals(
        "UP", threads.path("status").asText(), "the application's check is served: " + live.json());
    assertEquals(0, threads.path("data").path("deadlocked").asInt(-1));
  }

  @Test
  void readyOnlyWhileTheXmppServerIsThere() throws Exception {
    // the component connects shortly after deployment
    Management.Health ready = awaitReady(true, Duration.ofSeconds(60));
    assertEquals("UP", ready.check("tlim-xmpp").path("status").asText(), ready.json().toString());
    assertEquals(
        "UP", ready.check("tlim-database").path("status").asText(), ready.json().toString());
    assertTrue(
        ready.check("tlim-dead-letters").path("data").path("count").isIntegralNumber(),
        "the dead-letter count is a readiness detail: " + ready.json());
    double reconnects = Management.counter("tlim_xmpp_reconnects_total", Map.of());

    try {
      TestEnvironment.stopXmppServer();
      Management.Health down = awaitReady(false, Duration.ofSeconds(30));
      assertEquals(503, down.status());
      assertEquals("DOWN", down.check("tlim-xmpp").path("status").asText(), down.json().toString());
      assertEquals("disconnected", down.check("tlim-xmpp").path("data").path("component").asText());
      assertEquals(
          "UP",
          down.check("tlim-database").path("status").asText(),
          "only XMPP is down: " + down.json());
    } finally {
      TestEnvironment.startXmppServer();
    }
    // the connector retries with a growing backoff
    Management.Health again = awaitReady(true, Duration.ofSeconds(60));
    assertEquals("UP", again.check("tlim-xmpp").path("status").asText(), again.json().toString());
    assertTrue(
        Management.counter("tlim_xmpp_reconnects_total", Map.of()) >= reconnects + 1,
        "the reconnect is counted");
    // and the service works again (later tests need it too); bob must be in the directory,
    // whichever test ran first
    TestEnvironment.knownUsers("alice", "bob");
    try (XmppClient alice = XmppClient.online("alice", "mobile")) {
      String id = Envelopes.newId();
      alice.send(Envelopes.text("alice", "bob", id, "after the restart"), null);
      JsonNode answer = alice.awaitAnswer(id);
      assertEquals("ok", answer.path("result").asText(), answer.toString());
    }
  }

  @Test
  void metricsCountEnvelopesByTypeAndResultAndTheCopies() throws Exception {
    TestEnvironment.knownUsers("alice", "bob");
    try (XmppClient bob = XmppClient.online("bob", "mobile");
        XmppClient alice = XmppClient.online("alice", "mobile")) {
      String before = Management.metrics();
      double ok =
          count(before, "tlim_envelopes_total", Map.of("msg_type", "MTT-000", "result", "ok"));
      double unknownUser =
          count(
              before, "tlim_envelopes_total", Map.of("msg_type", "MTT-000", "result", "error-013"));
      double timed = count(before, "tlim_envelope_accept_seconds_count", Map.of());
      double xmppCopies = count(before, "tlim_copies_total", Map.of("channel", "xmpp"));

      String id = Envelopes.newId();
      alice.send(Envelopes.text("alice", "bob", id, "counted"), "mobile");
      assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
      bob.awaitMsgId(id);
      String refused = Envelopes.newId();
      alice.send(Envelopes.text("alice", "nobody-" + refused, refused, "to no one"), "mobile");
      assertEquals("error-013", alice.awaitAnswer(refused).path("result_detail").asText());

      String after = Management.metrics();
      assertEquals(
          ok + 1,
          count(after, "tlim_envelopes_total", Map.of("msg_type", "MTT-000", "result", "ok")),
          after);
      assertEquals(
          unknownUser + 1,
          count(
              after, "tlim_envelopes_total", Map.of("msg_type", "MTT-000", "result", "error-013")));
      assertEquals(timed + 2, count(after, "tlim_envelope_accept_seconds_count", Map.of()));
      assertTrue(count(after, "tlim_envelope_accept_seconds_sum", Map.of()) > 0);
      // bob's phone got a copy over XMPP (and alice's other devices, had she any)
      assertTrue(
          count(after, "tlim_copies_total", Map.of("channel", "xmpp")) >= xmppCopies + 1, after);
      for (String queue :
          new String[] {"tlim.delivery", "tlim.push", "tlim.approval", "tlim.dead-letter"}) {
        double depth = Management.sample(after, "tlim_queue_depth", Map.of("queue", queue));
        assertTrue(depth >= 0, queue + " depth is read: " + depth);
      }
      assertFalse(
          Double.isNaN(Management.sample(after, "tlim_dead_letters", Map.of())),
          "dead letters are counted");
      // the copy to bob waits in the offline store until his receipt; the count is up to 5 s old
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      double backlog;
      while ((backlog = Management.sample(Management.metrics(), "tlim_offline_backlog", Map.of()))
              < 1
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertTrue(backlog >= 1, "the offline store's rows are counted: " + backlog);
    }
  }

  private static double count(String text, String name, Map<String, String> labels) {
    double value = Management.sample(text, name, labels);
    return Double.isNaN(value) ? 0 : value;
  }

  /** Polls readiness until it is (or is not) ready. */
  private static Management.Health awaitReady(boolean up, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Management.Health health;
    do {
      health = Management.health("/health/ready");
      if (health.up() == up) {
        return health;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "readiness did not turn " + (up ? "UP" : "DOWN") + " within " + timeout + ": " + health);
  }
}
