package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the company's push gateway (a mobile push provider cannot run here): it takes the
 * service's real POSTs and counts them per user and msg_id.
 */
final class PushGateway implements AutoCloseable {

  private final HttpServer http;
  private final Map<String, Map<String, Integer>> byUser = new ConcurrentHashMap<>();

  private PushGateway(HttpServer http) {
    this.http = http;
  }

  /** Listens on a free loopback port. */
  static PushGateway start() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    PushGateway gateway = new PushGateway(http);
    http.createContext(
        "/push",
        exchange -> {
          JsonNode body = XmppClient.JSON.readTree(exchange.getRequestBody().readAllBytes());
          gateway
              .byUser
              .computeIfAbsent(body.path("userId").asText(), u -> new ConcurrentHashMap<>())
              .merge(body.path("msgId").asText(), 1, Integer::sum);
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    http.start();
    return gateway;
  }

  /** How a test's gateway answers one push to its own user: the HTTP status. */
  interface PushAnswer {
    int status(HttpExchange exchange, JsonNode push);
  }

  /**
   * A gateway on the port the service pushes to in the tests ({@code it.push.port}), started:
   * pushes to {@code user} are answered by {@code answer}; any other user's (left over from other
   * tests' offline users) are taken (204) and not counted.
   */
  static HttpServer onPushPort(String user, PushAnswer answer) throws Exception {
    HttpServer http =
        HttpServer.create(
            new InetSocketAddress("127.0.0.1", Integer.getInteger("it.push.port")), 0);
    http.createContext(
        "/push",
        exchange -> {
          JsonNode push = XmppClient.JSON.readTree(exchange.getRequestBody().readAllBytes());
          int status =
              user.equals(push.path("userId").asText()) ? answer.status(exchange, push) : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    http.start();
    return http;
  }

  /**
   * Makes the user known and registers a phone for them (registrationId {@code reg-<user>}), as the
   * company's app does, so that their offline copies are pushed.
   */
  static void registerPhone(String user) throws Exception {
    TestEnvironment.knownUsers(user);
    Http.Answer registered =
        Http.get("registerAppPushCode", Map.of("user_id", user, "registrationId", "reg-" + user));
    assertEquals(200, registered.status(), registered.json().toString());
    registered.assertOk();
  }

  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/push";
  }

  /** Waits until {@code count} different messages were pushed to the user; pushes per msg_id. */
  Map<String, Integer> awaitPushes(String user, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pushes(user).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return pushes(user);
  }

  private Map<String, Integer> pushes(String user) {
    return new TreeMap<>(byUser.getOrDefault(user, Map.of()));
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
