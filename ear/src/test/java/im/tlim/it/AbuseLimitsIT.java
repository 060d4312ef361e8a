package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/** The per-user message rate limit (reached, then recovered) and the CORS origin list. */
class AbuseLimitsIT extends BlackBoxTest {

  @ArquillianResource private ManagementClient management;

  @Test
  void rateLimitIsReachedAndRecovered() throws Exception {
    TestEnvironment.knownUsers("bob");
    String rate = read("tlim.rate.per-second");
    String burst = read("tlim.rate.burst");
    write("tlim.rate.per-second", "1");
    write("tlim.rate.burst", "3");
    try (XmppClient erin = XmppClient.online("erin", "mobile")) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String id = Envelopes.newId();
        ids.add(id);
        erin.send(Envelopes.text("erin", "bob", id, "burst " + i), null);
      }
      int limited = 0;
      for (int i = 0; i < ids.size(); i++) {
        var answer =
            erin.await(r -> r.type().equals("MTC-001"), java.time.Duration.ofSeconds(20))
                .envelope()
                .path("body")
                .path(0);
        if (answer.path("result_detail").asText().equals("error-024")) {
          limited++;
        }
      }
      assertTrue(limited >= 2, "over the burst some are refused with error-024, got " + limited);
      Thread.sleep(2500);
      String after = Envelopes.newId();
      erin.send(Envelopes.text("erin", "bob", after, "after the pause"), null);
      assertEquals(
          "ok",
          erin.awaitAnswer(after).path("result").asText(),
          "the connection stays; the bucket refills");
    } finally {
      write("tlim.rate.per-second", rate);
      write("tlim.rate.burst", burst);
    }
  }

  @Test
  void onlyListedOriginsGetCorsHeaders() throws Exception {
    String origins = read("tlim.cors.origins");
    write("tlim.cors.origins", "https://intranet.example.com");
    try {
      HttpClient client = HttpClient.newHttpClient();
      URI uri = TestEnvironment.HTTP.resolve("/plugins/tlim/findSessions?user_id=alice");
      HttpResponse<String> preflight =
          client.send(
              preflight(uri, "https://intranet.example.com")
                  .header("Access-Control-Request-Headers", "authorization")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(204, preflight.statusCode());
      assertEquals(
          "https://intranet.example.com",
          preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
      assertTrue(
          preflight
              .headers()
              .firstValue("Access-Control-Allow-Headers")
              .orElse("")
              .contains("Authorization"));

      HttpResponse<String> stranger =
          client.send(
              preflight(uri, "https://evil.example.net").build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(403, stranger.statusCode());
      assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

      HttpResponse<String> call =
          client.send(
              HttpRequest.newBuilder(uri)
                  .header("Origin", "https://intranet.example.com")
                  .header(
                      "Authorization", TestEnvironment.bearer(TestEnvironment.userToken("alice")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, call.statusCode(), call.body());
      assertEquals(
          "https://intranet.example.com",
          call.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    } finally {
      write("tlim.cors.origins", origins);
    }
  }

  /** A browser's CORS preflight from this origin before a GET of the uri. */
  private static HttpRequest.Builder preflight(URI uri, String origin) {
    return HttpRequest.newBuilder(uri)
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "GET");
  }

  private String read(String property) throws Exception {
    return ServerModel.readAttribute(management, "value", "system-property", property).asString();
  }

  private void write(String property, String value) throws Exception {
    ServerModel.writeAttribute(
        management, "value", new ModelNode(value), "system-property", property);
  }
}
