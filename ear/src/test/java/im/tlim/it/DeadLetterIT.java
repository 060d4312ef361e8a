package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message that keeps failing becomes a dead letter an operator sees and redrives. Produced for
 * real: push notices for an offline user, refused by the (stand-in) push gateway until the broker
 * gives up. To see that within seconds rather than the configured minutes, the test gives the push
 * queue an address setting of its own with 3 attempts, through the management API (what an operator
 * would do), and removes it afterwards. Then listed over HTTP with a service token (a user's is
 * refused), counted in the metrics and the readiness details, redriven one by id and the rest all
 * at once, each arriving at the gateway.
 */
class DeadLetterIT extends BlackBoxTest {

  private static final int ATTEMPTS = 3;

  /** The push queue's own address setting, more specific than the configured jms.queue.tlim.#. */
  private static final String PUSH_SETTING = "jms.queue.tlim.push";

  @ArquillianResource private ManagementClient management;

  @BeforeEach
  void pushesGiveUpSoon() throws Exception {
    ModelNode add = ServerModel.operation("add", ServerModel.addressSetting(PUSH_SETTING));
    add.get("dead-letter-address").set("jms.queue.tlim.dead-letter");
    add.get("expiry-address").set("jms.queue.ExpiryQueue");
    add.get("max-delivery-attempts").set(ATTEMPTS);
    add.get("redelivery-delay").set(500);
    ServerModel.execute(management, add);
  }

  @AfterEach
  void pushesAsConfigured() throws Exception {
    ServerModel.execute(
        management, ServerModel.operation("remove", ServerModel.addressSetting(PUSH_SETTING)));
  }

  @Test
  void aPushTheGatewayKeepsRefusingIsKeptListedAndRedriven() throws Exception {
    String phoneUser = "dl" + UUID.randomUUID().toString().replace("-", "");
    AtomicBoolean refusing = new AtomicBoolean(true);
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    HttpServer gateway =
        PushGateway.onPushPort(
            phoneUser,
            (exchange, notice) -> {
              String msgId = notice.path("msgId").asText();
              attempts.computeIfAbsent(msgId, k -> new AtomicInteger()).incrementAndGet();
              if (refusing.get()) {
                return 503;
              }
              delivered.add(msgId);
              return 204;
            });
    try (XmppClient alice = XmppClient.online("alice", "mobile")) {
      PushGateway.registerPhone(phoneUser);
      double pushesBefore = Management.counter("tlim_copies_total", Map.of("channel", "push"));
      double deadBefore =
          Management.counter("tlim_dead_lettered_total", Map.of("queue", "tlim.push"));

      String first = Envelopes.newId();
      String second = Envelopes.newId();
      for (String id : new String[] {first, second}) {
        alice.send(Envelopes.text("alice", phoneUser, id, "wake up"), "mobile");
        assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
      }

      // both pushes fail until the broker dead-letters them; then they are listed
      JsonNode letter = awaitListed(first, Duration.ofSeconds(60));
      JsonNode other = awaitListed(second, Duration.ofSeconds(30));
      assertEquals(
          ATTEMPTS, attempts.get(first).get(), "the gateway saw every attempt and no more");
      assertEquals("tlim.push", letter.path("queue").asText(), letter.toString());
      assertEquals(ATTEMPTS, letter.path("failures").asInt(), letter.toString());
      assertTrue(
          letter.path("reason").asText().contains("push gateway answered 503"), letter.toString());
      long firstFailed = Long.parseLong(letter.path("first_failed_at").asText());
      assertTrue(firstFailed <= Long.parseLong(letter.path("dead_at").asText()), letter.toString());
      assertTrue(letter.path("properties").isObject(), letter.toString());
      JsonNode notice = XmppClient.JSON.readTree(letter.path("body").asText());
      assertEquals(phoneUser, notice.path("userId").asText());
      assertEquals("alice", notice.path("msgFrom").asText());

      // counted: in the metrics and in the readiness details (both read at most 5 s late)
      awaitMetric("tlim_dead_lettered_total", Map.of("queue", "tlim.push"), deadBefore + 2);
      awaitMetric("tlim_dead_letters", Map.of(), 2);
      Management.Health ready = Management.health("/health/ready");
      assertTrue(
          ready.check("tlim-dead-letters").path("data").path("count").asLong() >= 2,
          ready.json().toString());
      assertEquals(
          "UP",
          ready.check("tlim-dead-letters").path("status").asText(),
          "dead letters never make it unready");

      // a user may neither see nor redrive them
      String user = TestEnvironment.userToken("alice");
      assertRefused(Http.getAs(user, "findDeadLetters", Map.of()));
      assertRefused(
          Http.postFormAs(user, "redriveDeadLetters", Map.of("id_", letter.path("id_").asText())));
      assertRefused(Http.postFormAs(user, "redriveDeadLetters", Map.of("all", "1")));
      assertNotNull(listed(first), "still kept after the refused redrive");

      // redriven by id: it reaches the gateway, is no longer listed, and a second redrive does
      // nothing
      refusing.set(false);
      Http.Answer redriven =
          Http.postForm("redriveDeadLetters", Map.of("id_", letter.path("id_").asText()));
      assertEquals(200, redriven.status(), redriven.json().toString());
      assertEquals(1, redriven.json().path("redriven").asInt());
      assertEquals(
          first, delivered.poll(30, TimeUnit.SECONDS), "the redriven push reached the gateway");
      assertNull(listed(first));
      assertNotNull(listed(second), "only the one named was redriven");
      assertEquals(
          0,
          Http.postForm("redriveDeadLetters", Map.of("id_", letter.path("id_").asText()))
              .json()
              .path("redriven")
              .asInt());

      // all at once (as JSON); other tests' dead letters may go along
      Http.Answer all = Http.postJson("redriveDeadLetters", "{\"all\":\"1\"}");
      assertEquals(200, all.status(), all.json().toString());
      assertTrue(all.json().path("redriven").asInt() >= 1, all.json().toString());
      assertEquals(second, delivered.poll(30, TimeUnit.SECONDS));
      assertNull(listed(second), other.toString());
      assertTrue(
          Management.counter("tlim_copies_total", Map.of("channel", "push")) >= pushesBefore + 2,
          "the redriven pushes are counted as sent");
    } finally {
      gateway.stop(0);
    }
  }

  @Test
  void redriveNamesOneOrAll() throws Exception {
    for (Map<String, String> params :
        java.util.List.of(
            Map.<String, String>of(),
            Map.of("id_", "50", "all", "1"),
            Map.of("id_", "x"),
            Map.of("id_", "-3"))) {
      Http.Answer answer = Http.postForm("redriveDeadLetters", params);
      assertEquals(400, answer.status(), params + " " + answer.json());
      assertEquals("error-026", answer.detail());
    }
    Http.Answer page = Http.get("findDeadLetters", Map.of("length", "1001"));
    assertEquals("error-026", page.detail(), "pages are at most 1000");
  }

  private static void assertRefused(Http.Answer answer) {
    answer.assertRefused(403, "error-021");
  }

  /** The dead letter of the push for {@code msgId}, or null. */
  private static JsonNode listed(String msgId) throws Exception {
    for (int start = 0; ; start += 1000) {
      Http.Answer page =
          Http.get("findDeadLetters", Map.of("start", String.valueOf(start), "length", "1000"));
      assertEquals(200, page.status(), page.json().toString());
      JsonNode letters = page.json().path("dead_letters");
      for (JsonNode letter : letters) {
        if (letter.path("body").asText().contains(msgId)) {
          return letter;
        }
      }
      if (letters.size() < 1000) {
        return null;
      }
    }
  }

  private static JsonNode awaitListed(String msgId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode letter = listed(msgId);
      if (letter != null) {
        return letter;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no dead letter for " + msgId + " within " + timeout);
      }
      Thread.sleep(250);
    }
  }

  /** Waits until the metric is at least {@code atLeast} (counts are up to 5 s old). */
  private static void awaitMetric(String name, Map<String, String> labels, double atLeast)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    double value;
    while (Double.isNaN(value = Management.sample(Management.metrics(), name, labels))
        || value < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            name + labels + " stayed at " + value + ", expected at least " + atLeast);
      }
      Thread.sleep(500);
    }
  }
}
