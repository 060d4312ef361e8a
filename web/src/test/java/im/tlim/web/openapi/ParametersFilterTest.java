package im.tlim.web.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.error.ErrorCode;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

class ParametersFilterTest {

  static final Parameter<String> SESSION_ID =
      Parameter.required("session_id", ErrorCode.SESSION_ID_EMPTY, 64)
          .describe("The session.")
          .example("s1");
  static final Parameter<List<String>> SUBSCRIBERS =
      Parameter.userIds("subscribers", "SubscriberRef")
          .describe("The members.")
          .exampleJson("[{\"user_id\": \"a\"}]");
  static final Parameter<Integer> LENGTH =
      Parameter.integerOrWord("length", "max", Integer.MAX_VALUE, 20, 1, Integer.MAX_VALUE)
          .describe("The page size.");
  static final Operation ADD = Operation.of("addThing", SESSION_ID, SUBSCRIBERS, LENGTH);

  private static OpenAPI document() {
    return OASFactory.createOpenAPI()
        .components(OASFactory.createComponents())
        .paths(
            OASFactory.createPaths()
                .addPathItem(
                    "/plugins/tlim/addThing",
                    OASFactory.createPathItem()
                        .GET(
                            OASFactory.createOperation()
                                .tags(List.of("things"))
                                .summary("Add a thing")
                                .description("Adds it.")
                                .responses(
                                    OASFactory.createAPIResponses()
                                        .addAPIResponse(
                                            "200",
                                            OASFactory.createAPIResponse().description("ok"))))));
  }

  private static PathItem written() {
    OpenAPI api = document();
    ParametersFilter.write(api, ADD);
    return api.getPaths().getPathItem("/plugins/tlim/addThing");
  }

  @Test
  void theGetNamesEveryParameterWithTheLimitsItIsReadWith() {
    var get = written().getGET();
    assertEquals("addThing", get.getOperationId());
    var parameters = get.getParameters();
    assertEquals(3, parameters.size());

    var sessionId = parameters.get(0);
    assertEquals("session_id", sessionId.getName());
    assertEquals(
        org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY, sessionId.getIn());
    assertTrue(sessionId.getRequired());
    assertEquals("The session.", sessionId.getDescription());
    assertEquals("s1", sessionId.getExample());
    assertEquals(List.of(Schema.SchemaType.STRING), sessionId.getSchema().getType());
    assertEquals(64, sessionId.getSchema().getMaxLength());

    var subscribers = parameters.get(1);
    assertFalse(subscribers.getRequired());
    assertNull(subscribers.getSchema(), "a list is JSON content");
    MediaType json = subscribers.getContent().getMediaType("application/json");
    assertEquals(List.of(Schema.SchemaType.ARRAY), json.getSchema().getType());
    assertEquals("#/components/schemas/SubscriberRef", json.getSchema().getItems().getRef());
    assertEquals(List.of(Map.of("user_id", "a")), json.getExample());

    Schema length = parameters.get(2).getSchema();
    assertEquals(20, length.getDefaultValue());
    assertEquals(2, length.getAnyOf().size());
    assertEquals(BigDecimal.ONE, length.getAnyOf().get(0).getMinimum());
    assertNull(length.getAnyOf().get(0).getMaximum());
    assertEquals(List.of("max"), length.getAnyOf().get(1).getEnumeration());
  }

  @Test
  void thePostIsTheGetWithABodyOfTheSameParameters() {
    PathItem item = written();
    var get = item.getGET();
    var post = item.getPOST();
    assertEquals("addThingByPost", post.getOperationId());
    assertEquals(get.getSummary(), post.getSummary());
    assertEquals(get.getDescription(), post.getDescription());
    assertEquals(get.getTags(), post.getTags());
    assertSame(get.getResponses(), post.getResponses());

    var content = post.getRequestBody().getContent();
    MediaType form = content.getMediaType("application/x-www-form-urlencoded");
    MediaType json = content.getMediaType("application/json");
    assertEquals("#/components/schemas/AddThingRequest", form.getSchema().getRef());
    assertEquals("#/components/schemas/AddThingRequest", json.getSchema().getRef());
    assertEquals(
        Map.of("session_id", "s1", "subscribers", List.of(Map.of("user_id", "a"))),
        form.getExample());
    assertEquals("application/json", form.getEncoding().get("subscribers").getContentType());
    assertTrue(post.getRequestBody().getDescription().contains("list parameters as JSON text"));
  }

  @Test
  void theBodySchemaListsTheParametersAndTheRequiredOnes() {
    OpenAPI api = document();
    ParametersFilter.write(api, ADD);
    Schema body = api.getComponents().getSchemas().get("AddThingRequest");
    assertEquals(
        List.of("session_id", "subscribers", "length"), List.copyOf(body.getProperties().keySet()));
    assertEquals(List.of("session_id"), body.getRequired());
    assertEquals("The session.", body.getProperties().get("session_id").getDescription());
    assertEquals(64, body.getProperties().get("session_id").getMaxLength());
  }

  @Test
  void whatTheYamlWouldSayASecondTimeIsRefused() {
    OpenAPI withParameters = document();
    withParameters
        .getPaths()
        .getPathItem("/plugins/tlim/addThing")
        .getGET()
        .addParameter(OASFactory.createParameter().name("session_id"));
    assertThrows(IllegalStateException.class, () -> ParametersFilter.write(withParameters, ADD));

    OpenAPI withPost = document();
    withPost.getPaths().getPathItem("/plugins/tlim/addThing").POST(OASFactory.createOperation());
    assertThrows(IllegalStateException.class, () -> ParametersFilter.write(withPost, ADD));

    OpenAPI withSchema = document();
    withSchema.getComponents().addSchema("AddThingRequest", OASFactory.createSchema());
    assertThrows(IllegalStateException.class, () -> ParametersFilter.write(withSchema, ADD));

    OpenAPI withoutGet = document();
    assertThrows(
        IllegalStateException.class,
        () -> ParametersFilter.write(withoutGet, Operation.of("undocumented")));
  }
}
