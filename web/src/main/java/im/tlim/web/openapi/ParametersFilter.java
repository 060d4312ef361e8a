package im.tlim.web.openapi;

import im.tlim.web.announcement.AnnouncementResource;
import im.tlim.web.approval.ApprovalResource;
import im.tlim.web.deadletter.DeadLetterResource;
import im.tlim.web.history.ChatHistoryResource;
import im.tlim.web.live.LiveTicketResource;
import im.tlim.web.offline.OfflineResource;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import im.tlim.web.operation.Shape;
import im.tlim.web.receipt.ReadStateResource;
import im.tlim.web.session.SessionResource;
import im.tlim.web.user.UserResource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Encoding;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

/**
 * Writes the parameters of every declared {@link Operation} into the document the server read from
 * META-INF/openapi.yaml: the GET's query parameters, the POST (a copy of the GET's summary,
 * description and answers, with a request body of form fields or a JSON object) and the body's
 * schema {@code <Operation>Request}. The yaml has each operation's GET without parameters, and no
 * POST: a parameter, or its POST twin, written there as well is refused (the document would say it
 * twice). Named in microprofile-config.properties ({@code mp.openapi.filter}); only the portable
 * MicroProfile OpenAPI API is used.
 */
public class ParametersFilter implements OASFilter {

  /** Where the operations are served. */
  public static final String PREFIX = "/plugins/tlim/";

  /** The resources whose {@code Operation} fields are the API; a new resource is added here. */
  public static final List<Class<?>> RESOURCES =
      List.of(
          SessionResource.class,
          ChatHistoryResource.class,
          OfflineResource.class,
          ReadStateResource.class,
          ApprovalResource.class,
          AnnouncementResource.class,
          UserResource.class,
          LiveTicketResource.class,
          DeadLetterResource.class);

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";

  /** Every operation the resources declare. */
  public static List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    RESOURCES.forEach(resource -> all.addAll(Operation.declaredIn(resource)));
    return all;
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    for (Operation operation : operations()) {
      write(openAPI, operation);
    }
  }

  static void write(OpenAPI openAPI, Operation operation) {
    String path = PREFIX + operation.name();
    PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(path);
    if (item == null || item.getGET() == null) {
      throw new IllegalStateException("openapi.yaml has no GET " + path);
    }
    org.eclipse.microprofile.openapi.models.Operation get = item.getGET();
    if (get.getParameters() != null && !get.getParameters().isEmpty()) {
      throw new IllegalStateException(path + ": its parameters are declared in Java, not the yaml");
    }
    if (item.getPOST() != null) {
      throw new IllegalStateException(path + ": its POST is written from the GET, not the yaml");
    }
    get.setOperationId(operation.name());
    List<org.eclipse.microprofile.openapi.models.parameters.Parameter> query = new ArrayList<>();
    for (Parameter<?> parameter : operation.parameters()) {
      query.add(queryParameter(parameter));
    }
    get.setParameters(query);

    String bodyName = bodySchemaName(operation);
    Components components = openAPI.getComponents();
    if (components.getSchemas() != null && components.getSchemas().containsKey(bodyName)) {
      throw new IllegalStateException(bodyName + " is written from the declarations, not the yaml");
    }
    components.addSchema(bodyName, bodySchema(operation));
    item.setPOST(
        OASFactory.createOperation()
            .tags(get.getTags())
            .summary(get.getSummary())
            .description(get.getDescription())
            .operationId(operation.name() + "ByPost")
            .requestBody(requestBody(operation, "#/components/schemas/" + bodyName))
            .responses(get.getResponses()));
  }

  /** {@code addSession} → {@code AddSessionRequest}. */
  static String bodySchemaName(Operation operation) {
    String name = operation.name();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Request";
  }

  static org.eclipse.microprofile.openapi.models.parameters.Parameter queryParameter(
      Parameter<?> parameter) {
    var query =
        OASFactory.createParameter()
            .name(parameter.name())
            .in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY)
            .required(parameter.required())
            .description(parameter.description());
    if (parameter.shape().isJson()) {
      // a list or object parameter: JSON, or its JSON text in a query string or a form
      MediaType json = OASFactory.createMediaType().schema(schema(parameter.shape()));
      if (parameter.example() != null) {
        json.example(parameter.example());
      }
      query.content(OASFactory.createContent().addMediaType(JSON, json));
    } else {
      query.schema(schema(parameter.shape()));
      if (parameter.example() != null) {
        query.example(parameter.example());
      }
    }
    return query;
  }

  /** The POST body's fields: every parameter as a property, the required ones listed. */
  static Schema bodySchema(Operation operation) {
    Schema body =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.OBJECT)
            .description(
                operation.name()
                    + (operation.name().endsWith("s") ? "'" : "'s")
                    + " parameters, as form fields or a JSON object.");
    for (Parameter<?> parameter : operation.parameters()) {
      body.addProperty(
          parameter.name(), schema(parameter.shape()).description(parameter.description()));
      if (parameter.required()) {
        body.addRequired(parameter.name());
      }
    }
    return body;
  }

  static RequestBody requestBody(Operation operation, String schemaRef) {
    boolean lists = operation.parameters().stream().anyMatch(p -> p.shape().isJson());
    Map<String, Object> example = new LinkedHashMap<>();
    Map<String, Encoding> encoding = new LinkedHashMap<>();
    for (Parameter<?> parameter : operation.parameters()) {
      if (parameter.example() != null) {
        example.put(parameter.name(), parameter.example());
      }
      if (parameter.shape().isJson()) {
        encoding.put(parameter.name(), OASFactory.createEncoding().contentType(JSON));
      }
    }
    MediaType form = OASFactory.createMediaType().schema(ref(schemaRef));
    MediaType json = OASFactory.createMediaType().schema(ref(schemaRef));
    if (!example.isEmpty()) {
      form.example(example);
      json.example(example);
    }
    if (!encoding.isEmpty()) {
      form.encoding(encoding);
    }
    Content content = OASFactory.createContent().addMediaType(FORM, form).addMediaType(JSON, json);
    return OASFactory.createRequestBody()
        .required(false)
        .description(
            "The parameters as form fields"
                + (lists ? " (list parameters as JSON text)" : "")
                + " or as a JSON object (lenient JSON accepted: single quotes, unquoted names)."
                + " Query-string parameters are read too; the body's win.")
        .content(content);
  }

  /** The OpenAPI schema of a declared shape. */
  static Schema schema(Shape shape) {
    Schema schema = OASFactory.createSchema();
    Schema value = schema;
    if (shape.alternative() != null) {
      value = OASFactory.createSchema();
      schema.anyOf(List.of(value, schema(shape.alternative())));
    }
    value.addType(Schema.SchemaType.valueOf(shape.type().toUpperCase(java.util.Locale.ROOT)));
    if (shape.format() != null) {
      value.format(shape.format());
    }
    if (shape.minLength() != null) {
      value.minLength(shape.minLength());
    }
    if (shape.maxLength() != null) {
      value.maxLength(shape.maxLength());
    }
    if (shape.minimum() != null) {
      value.minimum(BigDecimal.valueOf(shape.minimum()));
    }
    if (shape.maximum() != null) {
      value.maximum(BigDecimal.valueOf(shape.maximum()));
    }
    if (!shape.values().isEmpty()) {
      value.enumeration(new ArrayList<>(shape.values()));
    }
    if (shape.items() != null) {
      value.items(ref("#/components/schemas/" + shape.items()));
    }
    if (shape.fallback() != null) {
      schema.defaultValue(shape.fallback());
    }
    return schema;
  }

  private static Schema ref(String ref) {
    return OASFactory.createSchema().ref(ref);
  }
}
