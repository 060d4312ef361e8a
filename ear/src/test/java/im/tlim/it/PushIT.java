package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A recipient with no device online and a registered push code is pushed through the push gateway.
 * The gateway is a local stand-in (a mobile push provider cannot run here) that checks the real
 * request; it fails the first attempt, so the retry is exercised too.
 */
class PushIT extends BlackBoxTest {

  @Test
  void offlineRecipientWithAPushCodeIsPushedAndRetried() throws Exception {
    BlockingQueue<JsonNode> pushes = new LinkedBlockingQueue<>();
    AtomicInteger attempts = new AtomicInteger();
    String phoneUser = "phone" + UUID.randomUUID().toString().replace("-", "");
    HttpServer gateway =
        PushGateway.onPushPort(
            phoneUser,
            (exchange, body) -> {
              boolean json =
                  exchange
                      .getRequestHeaders()
                      .getFirst("Content-Type")
                      .startsWith("application/json");
              int status =
                  attempts.incrementAndGet() == 1
                      ? 503
                      : (json && "POST".equals(exchange.getRequestMethod()) ? 204 : 400);
              if (status == 204) {
                pushes.add(body);
              }
              return status;
            });
    try (XmppClient alice = XmppClient.online("alice", "mobile")) {
      PushGateway.registerPhone(phoneUser);

      String id = Envelopes.newId();
      alice.send(Envelopes.text("alice", phoneUser, id, "wake up"), "mobile");
      assertEquals("ok", alice.awaitAnswer(id).path("result").asText());

      JsonNode push = pushes.poll(60, TimeUnit.SECONDS);
      assertTrue(push != null, "no push reached the gateway");
      assertEquals(phoneUser, push.path("userId").asText());
      assertEquals("reg-" + phoneUser, push.path("registrationId").asText());
      assertEquals(id, push.path("msgId").asText());
      assertEquals("MTT-000", push.path("msgType").asText());
      assertEquals("alice", push.path("msgFrom").asText());
      assertTrue(attempts.get() >= 2, "the failed first attempt was retried");
    } finally {
      gateway.stop(0);
    }
  }
}
