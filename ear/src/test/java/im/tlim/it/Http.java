package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the API, as any web page or server would call it. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  record Answer(int status, String contentType, JsonNode json) {}

  private Http() {}

  static Answer get(String operation, Map<String, String> params) throws Exception {
    String query =
        params.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    URI uri = TestEnvironment.HTTP.resolve("/plugins/tlim/" + operation + "?" + query);
    return send(HttpRequest.newBuilder(uri).GET().build());
  }

  static Answer postForm(String operation, Map<String, String> params) throws Exception {
    String form =
        params.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    URI uri = TestEnvironment.HTTP.resolve("/plugins/tlim/" + operation);
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  static Answer postJson(String operation, String json) throws Exception {
    URI uri = TestEnvironment.HTTP.resolve("/plugins/tlim/" + operation);
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        XmppClient.JSON.readTree(response.body()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
