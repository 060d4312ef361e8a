package im.tlim.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HTTP API as a client calls it: one keep-alive connection, a bearer token per user (HS256,
 * signed with the run's secret as the identity provider would), one call at a time. Every call
 * carries an {@code X-Bench-Tag} header, which the access log writes beside the server's own
 * request time, so client-side and server-side times of the same call can be put side by side.
 */
public final class Api {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One call: its answer and the time the client waited for it. */
  public record Call(String tag, JsonNode answer, long clientNanos) {}

  /** The subject of the {@code service} role's token (the company's backend). */
  public static final String SERVICE = "bench-backend";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String base;
  private final String secret;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  public Api(int httpPort, String secret) {
    this.base = "http://127.0.0.1:" + httpPort + "/plugins/tlim/";
    this.secret = secret;
  }

  /** GET {@code operation} as {@code user} with the query {@code params}. */
  public Call get(String tag, String user, String operation, Map<String, String> params)
      throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> p : params.entrySet()) {
      query.append(query.length() == 0 ? "?" : "&");
      query.append(p.getKey()).append('=');
      query.append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + operation + query))
            .header("Authorization", "Bearer " + token(user))
            .header("X-Bench-Tag", tag)
            .timeout(Duration.ofSeconds(60))
            .GET()
            .build();
    return send(request, operation + " " + params);
  }

  /**
   * POST {@code operation} with a JSON body as {@code user}; {@link #SERVICE} signs with the {@code
   * service} role.
   */
  public Call post(String tag, String user, String operation, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + operation))
            .header("Authorization", "Bearer " + token(user))
            .header("X-Bench-Tag", tag)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(120))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return send(request, operation);
  }

  private Call send(HttpRequest request, String what) throws IOException, InterruptedException {
    String tag = request.headers().firstValue("X-Bench-Tag").orElse("");
    long t0 = System.nanoTime();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    long elapsed = System.nanoTime() - t0;
    JsonNode answer = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !"ok".equals(answer.path("result").asText())) {
      throw new IOException(what + " answered " + response.statusCode() + ": " + answer);
    }
    return new Call(tag, answer, elapsed);
  }

  public static Map<String, String> params(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private String token(String user) {
    return tokens.computeIfAbsent(user, this::sign);
  }

  private String sign(String user) {
    long now = System.currentTimeMillis() / 1000;
    String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    String payload =
        "{\"iss\":\"tlim-bench\",\"aud\":\"tlim\",\"sub\":\""
            + user
            + "\",\"groups\":[\""
            + (SERVICE.equals(user) ? "service" : "user")
            + "\"],\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 12 * 3600)
            + "}";
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
