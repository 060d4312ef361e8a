package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
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
        HttpServer.create(
            new InetSocketAddress("127.0.0.1", Integer.getInteger("it.push.port")), 0);
    gateway.createContext(
        "/push",
        exchange -> {
          boolean json =
              exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json");
          JsonNode body = XmppClient.JSON.readTree(exchange.getRequestBody().readAllBytes());
          int status;
          if (!phoneUser.equals(body.path("userId").asText())) {
            status = 204; // a push left over from another test's offline users: taken, not counted
          } else {
            status =
                attempts.incrementAndGet() == 1
                    ? 503
                    : (json && "POST".equals(exchange.getRequestMethod()) ? 204 : 400);
            if (status == 204) {
              pushes.add(body);
            }
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    gateway.start();
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
