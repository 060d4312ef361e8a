package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the API, as any web page or server would call it. Calls without a token
 * argument carry a service-role token (the company's backend, which may act for any user); the
 * {@code as} variants carry the given token, or none when it is null.
 */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** A file the web module serves (the page, its scripts), fetched as a browser would, no token. */
  static HttpResponse<String> page(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(TestEnvironment.HTTP.resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  record Answer(int status, String contentType, JsonNode json) {

    /** The answer's result: "ok" or "fail". */
    String result() {
      return json.path("result").asText();
    }

    /** Its result_detail: the error code of a failure, "" for a success. */
    String detail() {
      return json.path("result_detail").asText();
    }

    /** Asserts that the answer's result is ok; its JSON. */
    JsonNode assertOk() {
      assertEquals("ok", result(), json.toString());
      return json;
    }

    /** Asserts a refusal: this HTTP status and this error code. */
    void assertRefused(int expectedStatus, String code) {
      assertEquals(expectedStatus, status, json.toString());
      assertEquals(code, detail(), json.toString());
    }
  }

  private Http() {}

  static Answer get(String operation, Map<String, String> params) throws Exception {
    return getAs(TestEnvironment.serviceToken(), operation, params);
  }

  static Answer postForm(String operation, Map<String, String> params) throws Exception {
    return postFormAs(TestEnvironment.serviceToken(), operation, params);
  }

  static Answer postJson(String operation, String json) throws Exception {
    return postJsonAs(TestEnvironment.serviceToken(), operation, json);
  }

  /**
   * The newest 50 messages of a history ({@code findChatHistory} with the peer, {@code
   * findSessionHistory} with a group) as {@code reader} sees them; fails unless answered ok.
   */
  static JsonNode historyAs(String reader, String operation, String sessionId) throws Exception {
    JsonNode history =
        getAs(
                TestEnvironment.userToken(reader),
                operation,
                Map.of("session_id", sessionId, "user_id", reader, "length", "50"))
            .json();
    assertEquals("ok", history.path("result").asText(), history.toString());
    return history;
  }

  static Answer getAs(String token, String operation, Map<String, String> params) throws Exception {
    return getAt(TestEnvironment.HTTP, token, operation, params);
  }

  /** A GET to a server of the test's own (the fault tests run several). */
  static Answer getAt(URI server, String token, String operation, Map<String, String> params)
      throws Exception {
    URI uri = server.resolve("/plugins/tlim/" + operation + "?" + form(params));
    return send(authorised(HttpRequest.newBuilder(uri), token).GET().build());
  }

  static Answer postFormAs(String token, String operation, Map<String, String> params)
      throws Exception {
    URI uri = TestEnvironment.HTTP.resolve("/plugins/tlim/" + operation);
    return send(
        authorised(HttpRequest.newBuilder(uri), token)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(params)))
            .build());
  }

  static Answer postJsonAs(String token, String operation, String json) throws Exception {
    return postJsonAs(token, TestEnvironment.HTTP, operation, json);
  }

  /** A JSON POST to a server of the test's own. */
  static Answer postJsonAs(String token, URI server, String operation, String json)
      throws Exception {
    URI uri = server.resolve("/plugins/tlim/" + operation);
    return send(
        authorised(HttpRequest.newBuilder(uri), token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Any request, with the token (none when null); the answer's body as JSON. */
  static Answer send(HttpRequest.Builder request, String token) throws Exception {
    return send(authorised(request, token).build());
  }

  private static HttpRequest.Builder authorised(HttpRequest.Builder request, String token) {
    return token == null ? request : request.header("Authorization", TestEnvironment.bearer(token));
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> response =
        CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body().isEmpty()
            ? XmppClient.JSON.nullNode()
            : XmppClient.JSON.readTree(response.body()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
