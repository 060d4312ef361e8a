package im.tlim.web.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import im.tlim.web.operation.Operation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * META-INF/openapi.yaml and the declarations agree before the server sees them: every declared
 * operation has its hand-written GET there and nothing the filter writes (which would make the
 * filter refuse, so the document would not be served).
 */
class HandWrittenDocumentTest {

  private static JsonNode yaml;

  @BeforeAll
  static void read() throws IOException {
    yaml = new YAMLMapper().readTree(Path.of("src/main/resources/META-INF/openapi.yaml").toFile());
  }

  @Test
  void theYamlHasAGetForEveryDeclaredOperationAndNoOther() {
    Set<String> documented = new TreeSet<>();
    yaml.path("paths")
        .fieldNames()
        .forEachRemaining(
            path -> {
              if (path.startsWith(ParametersFilter.PREFIX)) {
                documented.add(path.substring(ParametersFilter.PREFIX.length()));
              }
            });
    Set<String> declared = new TreeSet<>();
    ParametersFilter.operations().forEach(o -> declared.add(o.name()));
    assertEquals(declared, documented);
  }

  @Test
  void theYamlLeavesParametersPostsAndBodySchemasToTheFilter() {
    for (Operation operation : ParametersFilter.operations()) {
      JsonNode item = yaml.path("paths").path(ParametersFilter.PREFIX + operation.name());
      JsonNode get = item.path("get");
      assertTrue(get.isObject(), operation.name() + " has a GET");
      assertTrue(get.has("responses"), operation.name() + " has its answers");
      assertFalse(get.has("parameters"), operation.name() + ": parameters are declared in Java");
      assertFalse(get.has("operationId"), operation.name() + ": the filter names it");
      assertFalse(item.has("post"), operation.name() + ": the filter writes the POST");
      assertFalse(
          yaml.path("components").path("schemas").has(ParametersFilter.bodySchemaName(operation)),
          operation.name() + ": the filter writes the body schema");
    }
  }

  @Test
  void theListSchemasTheDeclarationsNameAreInTheYaml() {
    for (Operation operation : ParametersFilter.operations()) {
      operation.parameters().stream()
          .filter(p -> p.shape().items() != null)
          .forEach(
              p ->
                  assertTrue(
                      yaml.path("components").path("schemas").has(p.shape().items()),
                      operation.name() + " " + p.name() + ": " + p.shape().items()));
    }
  }
}
