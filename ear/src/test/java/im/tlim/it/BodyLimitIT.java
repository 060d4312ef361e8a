package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The API's 10 MiB body limit holds whatever says (or does not say) how long the body is: a chunked
 * HTTP/1.1 body, and an HTTP/2 (h2c) body, which carries neither Content-Length nor
 * Transfer-Encoding. The oversized body is a valid addUser call padded with JSON whitespace, so a
 * server that read it whole would store the user.
 */
class BodyLimitIT extends BlackBoxTest {

  private static final int OVER_THE_LIMIT = 10 * 1024 * 1024 + 4096;

  @Test
  void aChunkedBodyOverTheLimitIsRefusedAndNothingStored() throws Exception {
    String user = "chunked" + Long.toString(System.nanoTime(), 36);
    HttpResponse<String> answer = postUnknownLength(HttpClient.Version.HTTP_1_1, user);
    assertEquals(HttpClient.Version.HTTP_1_1, answer.version());
    assertRefused(answer, user);
  }

  @Test
  void anHttp2BodyWithoutLengthOverTheLimitIsRefusedAndNothingStored() throws Exception {
    String user = "htwo" + Long.toString(System.nanoTime(), 36);
    HttpResponse<String> answer = postUnknownLength(HttpClient.Version.HTTP_2, user);
    assertEquals(HttpClient.Version.HTTP_2, answer.version(), "the server speaks h2c here");
    assertRefused(answer, user);
  }

  @Test
  void anHttp2BodyUnderTheLimitIsServed() throws Exception {
    String user = "htwook" + Long.toString(System.nanoTime(), 36);
    HttpClient client = h2Client();
    upgrade(client);
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(TestEnvironment.HTTP.resolve("/plugins/tlim/addUser"))
                .header("Authorization", TestEnvironment.bearer(TestEnvironment.serviceToken()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body(user, 1000)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(HttpClient.Version.HTTP_2, answer.version());
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(
        1, TestEnvironment.count("select count(*) from tlim_user where user_id = ?", user));
  }

  private static HttpResponse<String> postUnknownLength(HttpClient.Version version, String user)
      throws Exception {
    HttpClient client =
        version == HttpClient.Version.HTTP_2 ? h2Client() : HttpClient.newHttpClient();
    if (version == HttpClient.Version.HTTP_2) {
      upgrade(client);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(TestEnvironment.HTTP.resolve("/plugins/tlim/addUser"))
            .version(version)
            .header("Authorization", TestEnvironment.bearer(TestEnvironment.serviceToken()))
            .header("Content-Type", "application/json")
            // a stream of unknown length: chunked over HTTP/1.1, DATA frames without a length over
            // h2
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body(user, OVER_THE_LIMIT)));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An h2c connection, upgraded by a first request without a body (the JDK upgrades on those). */
  private static HttpClient h2Client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
  }

  private static void upgrade(HttpClient client) throws Exception {
    client.send(
        HttpRequest.newBuilder(TestEnvironment.HTTP.resolve("/openapi")).GET().build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static InputStream body(String user, int padding) {
    byte[] call = ("{\"users\":[{\"user_id\":\"" + user + "\"}]}").getBytes(StandardCharsets.UTF_8);
    byte[] spaces = new byte[padding];
    Arrays.fill(spaces, (byte) ' ');
    return new SequenceInputStream(
        new ByteArrayInputStream(call), new ByteArrayInputStream(spaces));
  }

  private static void assertRefused(HttpResponse<String> answer, String user) throws Exception {
    assertEquals(413, answer.statusCode(), answer.body());
    assertEquals(
        "error-018", XmppClient.JSON.readTree(answer.body()).path("result_detail").asText());
    assertEquals(
        0,
        TestEnvironment.count("select count(*) from tlim_user where user_id = ?", user),
        "nothing stored");
  }
}
