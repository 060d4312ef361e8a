package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document the server publishes at {@code /openapi}: the hand-written
 * META-INF/openapi.yaml of the web module with the parameters, POSTs and POST body schemas the
 * filter writes from the resources' declarations (scanning disabled). Every operation of the HTTP
 * API is in it with the original's field names and types, and the list below is kept in step with
 * the JAX-RS resources: a new operation needs a line here, its GET in the file and its {@code
 * Operation} declaration.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

  /** Every operation under /plugins/tlim; each answers GET and POST. */
  static final List<String> PLUGIN_OPERATIONS =
      List.of(
          // sessions
          "addSession",
          "modifySession",
          "deleteSession",
          "dissolved",
          "findSessions",
          "findSession",
          "findSubscribers",
          "updateSessionPic",
          "findWebSessions",
          "findPresence",
          // history
          "findChatHistory",
          "findSessionHistory",
          "clearChatHistory",
          // offline
          "getOffline",
          "syncMessage",
          // read state
          "updateMsgStatus",
          "findReadMsg",
          "findChatReadMsg",
          "findMsgStatusList",
          "hasUnread",
          // approval workflow
          "approval",
          "approvalBack",
          // announcements
          "addPubact",
          "findPubactList",
          "modifyPubact",
          "deletePubact",
          // users and push
          "addUser",
          "removeUser",
          "registerAppPushCode",
          "findUsers",
          "liveTicket",
          // operators: dead letters
          "findDeadLetters",
          "redriveDeadLetters");

  static final String UPLOAD = "/upload/mobileFileUpload";
  static final String DOWNLOAD = "/upload/mobileFileDownload";

  private static JsonNode doc;

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return TestEnvironment.ear();
  }

  @BeforeAll
  static void fetch() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(TestEnvironment.HTTP.resolve("/openapi?format=JSON"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode(), response.body());
    doc = XmppClient.JSON.readTree(response.body());
  }

  @Test
  void isTheHandWrittenDocument() {
    assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").toString());
    assertEquals("tlim HTTP API", doc.path("info").path("title").asText());
    assertEquals("/", doc.path("servers").path(0).path("url").asText());
    assertTrue(doc.path("components").path("schemas").has("Failure"));
    // the server writes these objects whatever the file says; empty they make the document invalid
    assertFalse(
        doc.path("info").path("license").path("name").asText().isBlank(),
        "info.license needs a name");
    assertFalse(
        doc.path("externalDocs").path("url").asText().isBlank(), "externalDocs needs a url");
  }

  @Test
  void everyPluginOperationAnswersGetAndPost() {
    for (String operation : PLUGIN_OPERATIONS) {
      JsonNode path = doc.path("paths").path("/plugins/tlim/" + operation);
      assertTrue(path.isObject(), operation + " is missing");
      JsonNode get = path.path("get");
      JsonNode post = path.path("post");
      assertTrue(get.isObject(), operation + " has no get");
      assertTrue(post.isObject(), operation + " has no post");
      assertTrue(
          get.path("parameters").isArray() && get.path("parameters").size() > 0,
          operation + " GET names its query parameters");
      JsonNode body = resolve(post.path("requestBody")).path("content");
      assertTrue(body.has("application/x-www-form-urlencoded"), operation + " POST takes a form");
      assertTrue(body.has("application/json"), operation + " POST takes JSON");
      for (String method : List.of("get", "post")) {
        JsonNode responses = path.path(method).path("responses");
        JsonNode ok = resolve(responses.path("200"));
        assertTrue(
            ok.path("content").path("application/json").has("example"),
            operation + " " + method + " has an example answer");
        assertTrue(responses.has("500"), operation + " " + method + " documents error-025");
        assertTrue(
            responses.has("503"),
            operation + " " + method + " documents error-025 while unavailable");
        boolean failures = false;
        for (var status = responses.fieldNames(); status.hasNext(); ) {
          String code = status.next();
          if (code.startsWith("4")) {
            JsonNode schema =
                resolve(
                    resolve(responses.path(code))
                        .path("content")
                        .path("application/json")
                        .path("schema"));
            assertTrue(
                schema.path("properties").has("result_detail"),
                operation + " " + code + " is a failure answer");
            failures = true;
          }
        }
        assertTrue(failures, operation + " " + method + " documents its error answers");
      }
    }
  }

  @Test
  void everyParameterIsTypedAndThePostBodyHasTheSameOnes() {
    for (String operation : PLUGIN_OPERATIONS) {
      JsonNode path = doc.path("paths").path("/plugins/tlim/" + operation);
      assertEquals(operation, path.path("get").path("operationId").asText());
      assertEquals(operation + "ByPost", path.path("post").path("operationId").asText());
      Set<String> names = new TreeSet<>();
      Set<String> required = new TreeSet<>();
      for (JsonNode p : path.path("get").path("parameters")) {
        JsonNode parameter = resolve(p);
        String name = parameter.path("name").asText();
        assertEquals("query", parameter.path("in").asText(), operation + " " + name);
        assertFalse(
            parameter.path("description").asText().isBlank(), operation + " describes " + name);
        JsonNode schema =
            parameter.has("schema")
                ? parameter.path("schema")
                : parameter.path("content").path("application/json").path("schema");
        assertTrue(
            schema.has("type") || schema.has("anyOf"), operation + " " + name + " has a type");
        assertTrue(names.add(name), operation + " lists " + name + " once");
        if (parameter.path("required").asBoolean()) {
          required.add(name);
        }
      }
      for (String type : List.of("application/x-www-form-urlencoded", "application/json")) {
        JsonNode body =
            resolve(
                resolve(path.path("post").path("requestBody"))
                    .path("content")
                    .path(type)
                    .path("schema"));
        Set<String> properties = new TreeSet<>();
        body.path("properties").fieldNames().forEachRemaining(properties::add);
        assertEquals(names, properties, operation + " POST " + type + " has the GET's parameters");
        Set<String> bodyRequired = new TreeSet<>();
        body.path("required").forEach(n -> bodyRequired.add(n.asText()));
        assertEquals(required, bodyRequired, operation + " POST " + type + " requires the same");
      }
    }
  }

  @Test
  void documentsNoOperationOutsideTheList() {
    Set<String> documented = new TreeSet<>();
    doc.path("paths").fieldNames().forEachRemaining(documented::add);
    Set<String> expected = new TreeSet<>();
    PLUGIN_OPERATIONS.forEach(op -> expected.add("/plugins/tlim/" + op));
    expected.add(UPLOAD);
    expected.add(DOWNLOAD);
    assertEquals(expected, documented);
  }

  @Test
  void filesAreUploadedByPostAndDownloadedByGet() {
    JsonNode upload = doc.path("paths").path(UPLOAD);
    assertTrue(upload.path("post").isObject(), "upload is a POST");
    assertFalse(upload.has("get"));
    JsonNode multipart =
        upload.path("post").path("requestBody").path("content").path("multipart/form-data");
    assertEquals(
        "binary",
        resolve(multipart.path("schema")).path("properties").path("file").path("format").asText());
    JsonNode answer = schemaOf(upload.path("post"), "200");
    assertEquals("string", answer.path("properties").path("fileId").path("type").asText());
    assertTrue(
        upload.path("post").path("responses").has("413"), "over the size limit: 413 error-018");

    JsonNode download = doc.path("paths").path(DOWNLOAD);
    assertTrue(download.path("get").isObject(), "download is a GET");
    assertFalse(download.has("post"));
    List<String> names = new ArrayList<>();
    download
        .path("get")
        .path("parameters")
        .forEach(p -> names.add(resolve(p).path("name").asText()));
    assertTrue(names.contains("fileId"), names.toString());
    JsonNode responses = download.path("get").path("responses");
    assertTrue(responses.has("206"), "byte ranges");
    JsonNode unknown =
        resolve(responses.path("404")).path("content").path("application/json").path("examples");
    assertEquals(
        "error-023", unknown.path("error-023").path("value").path("result_detail").asText());
  }

  @Test
  void answersKeepTheOriginalsFieldNamesAndTypes() {
    JsonNode history = schemaOf(op("findChatHistory"), "200");
    assertEquals("integer", history.path("properties").path("total").path("type").asText());
    JsonNode message = resolve(history.path("properties").path("message_list").path("items"));
    assertEquals("integer", message.path("properties").path("id_").path("type").asText());
    assertEquals(
        "string",
        message.path("properties").path("body").path("type").asText(),
        "body is JSON text");
    assertEquals(
        "string",
        resolve(message.path("properties").path("msg_time")).path("type").asText(),
        "times are strings of epoch ms");

    JsonNode presence = schemaOf(op("findPresence"), "200");
    assertEquals("array", presence.path("type").asText(), "findPresence answers a bare array");
    assertTrue(example(op("findPresence")).isArray());

    JsonNode sync = schemaOf(op("syncMessage"), "200");
    assertTrue(sync.path("properties").has("messageList"), "syncMessage's list is messageList");
    assertTrue(sync.path("properties").has("has_more"));

    JsonNode offline = schemaOf(op("getOffline"), "200");
    JsonNode offlineItem = resolve(offline.path("properties").path("message_list").path("items"));
    assertEquals("integer", offlineItem.path("properties").path("recv").path("type").asText());

    assertEquals(
        "string",
        schemaOf(op("addSession"), "200")
            .path("properties")
            .path("session_type")
            .path("type")
            .asText(),
        "addSession answers session_type as a string, as the original did");
    assertEquals(
        "integer",
        resolve(schemaOf(op("findSession"), "200").path("properties").path("session_type"))
            .path("type")
            .asText());
    assertEquals(
        "boolean",
        schemaOf(op("hasUnread"), "200").path("properties").path("data").path("type").asText());
    assertEquals(
        "integer",
        resolve(
                resolve(
                        schemaOf(op("findReadMsg"), "200")
                            .path("properties")
                            .path("sessionReads")
                            .path("items"))
                    .path("properties")
                    .path("readNum"))
            .path("type")
            .asText());
  }

  @Test
  void examplesComeFromTheOriginal() {
    JsonNode history = example(op("findChatHistory"));
    assertEquals("ok", history.path("result").asText());
    assertEquals("", history.path("result_detail").asText());
    assertEquals(3, history.path("total").asInt());
    assertTrue(history.path("message_list").path(0).path("id_").isIntegralNumber());
    assertTrue(history.path("message_list").path(0).path("msg_time").isTextual());
    assertEquals(
        "[{\"text\":\"hello,0\"}]", history.path("message_list").path(0).path("body").asText());

    assertTrue(example(op("getOffline")).path("message_list").path(0).has("recv"));
    assertTrue(example(op("syncMessage")).path("messageList").isArray());
    assertEquals("1534750713170", example(op("findSession")).path("session_create_time").asText());
    assertTrue(example(op("findSession")).path("session_type").isInt());
    assertTrue(example(op("addSession")).path("session_type").isTextual());

    JsonNode missing =
        resolve(op("findChatHistory").path("responses").path("400"))
            .path("content")
            .path("application/json")
            .path("examples");
    assertEquals("fail", missing.path("error-007").path("value").path("result").asText());
    assertEquals(
        "error-007", missing.path("error-007").path("value").path("result_detail").asText());
    JsonNode closed =
        resolve(op("modifySession").path("responses").path("409"))
            .path("content")
            .path("application/json")
            .path("examples");
    assertEquals(
        "error-015", closed.path("error-015").path("value").path("result_detail").asText());
  }

  private static JsonNode op(String operation) {
    return doc.path("paths").path("/plugins/tlim/" + operation).path("get");
  }

  private static JsonNode schemaOf(JsonNode operation, String status) {
    return resolve(
        resolve(operation.path("responses").path(status))
            .path("content")
            .path("application/json")
            .path("schema"));
  }

  private static JsonNode example(JsonNode operation) {
    return resolve(operation.path("responses").path("200"))
        .path("content")
        .path("application/json")
        .path("example");
  }

  /** Follows local {@code $ref}s ("#/components/…") to what they name. */
  private static JsonNode resolve(JsonNode node) {
    for (int hops = 0; node.has("$ref") && hops < 10; hops++) {
      String ref = node.path("$ref").asText();
      assertTrue(ref.startsWith("#/"), "local reference " + ref);
      JsonNode target = doc.at(ref.substring(1));
      assertFalse(target.isMissingNode(), "dangling reference " + ref);
      node = target;
    }
    return node;
  }
}
