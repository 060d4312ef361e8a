package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server serves on its management interface (9990 + the tests' offset): MicroProfile
 * Health at /health/live and /health/ready, Micrometer's Prometheus text at /prometheus. Both
 * without credentials, as an orchestrator and a scraper read them.
 */
final class Management {

  static final URI BASE =
      URI.create("http://127.0.0.1:" + Integer.getInteger("it.management.port", 10090));

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A health answer: the HTTP status (200 UP, 503 DOWN) and the JSON. */
  record Health(int status, JsonNode json) {
    /** The named check, or a missing node. */
    JsonNode check(String name) {
      for (JsonNode check : json.path("checks")) {
        if (name.equals(check.path("name").asText())) {
          return check;
        }
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    boolean up() {
      return status == 200 && "UP".equals(json.path("status").asText());
    }
  }

  private Management() {}

  static Health health(String path) throws Exception {
    HttpResponse<String> response = get(path);
    return new Health(response.statusCode(), XmppClient.JSON.readTree(response.body()));
  }

  /** The Prometheus text of /prometheus. */
  static String metrics() throws Exception {
    HttpResponse<String> response = get("/prometheus");
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "/prometheus answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /**
   * The sum of the samples named {@code name} whose labels include {@code labels}, or NaN when
   * there is none.
   */
  static double sample(String text, String name, Map<String, String> labels) {
    double sum = Double.NaN;
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.trim());
      if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
        continue;
      }
      Map<String, String> found = new java.util.HashMap<>();
      Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
      while (label.find()) {
        found.put(label.group(1), label.group(2));
      }
      if (found.entrySet().containsAll(labels.entrySet())) {
        double value = Double.parseDouble(sample.group(4));
        sum = Double.isNaN(sum) ? value : sum + value;
      }
    }
    return sum;
  }

  /** {@link #sample} of a fresh scrape, 0 for a counter not yet seen. */
  static double counter(String name, Map<String, String> labels) throws Exception {
    double value = sample(metrics(), name, labels);
    return Double.isNaN(value) ? 0 : value;
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
