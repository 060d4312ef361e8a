package im.tlim.web.operation;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One operation of the HTTP API ({@code /plugins/tlim/<name>}, GET and POST alike) and the
 * parameters it reads, in the order the document lists them. Resources keep theirs in static
 * fields; {@code im.tlim.web.openapi} writes each one's parameters, POST body and body schema into
 * the OpenAPI document.
 *
 * @param name the path segment and the GET's operationId
 * @param parameters what it reads, each once
 */
public record Operation(String name, List<Parameter<?>> parameters) {

  public Operation {
    parameters = List.copyOf(parameters);
    Set<String> names = new HashSet<>();
    for (Parameter<?> p : parameters) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(name + " declares " + p.name() + " twice");
      }
    }
  }

  public static Operation of(String name, Parameter<?>... parameters) {
    return new Operation(name, List.of(parameters));
  }

  /** Whether it reads this parameter (the very declaration, not just one of the same name). */
  public boolean reads(Parameter<?> parameter) {
    return parameters.stream().anyMatch(p -> p == parameter);
  }

  /** The operations a resource class declares: its static {@code Operation} fields, in order. */
  public static List<Operation> declaredIn(Class<?> resource) {
    List<Operation> operations = new ArrayList<>();
    for (Field field : resource.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Operation.class) {
        try {
          field.setAccessible(true);
          operations.add((Operation) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(resource.getName() + "." + field.getName(), e);
        }
      }
    }
    return operations;
  }
}
