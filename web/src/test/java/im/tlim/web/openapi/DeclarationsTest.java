package im.tlim.web.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.web.api.PluginResource;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What keeps "a parameter is declared once" true: every resource's operations are declared and
 * listed in the filter, every declared parameter belongs to an operation, and no resource reads a
 * parameter by a bare name, around its declaration.
 */
class DeclarationsTest {

  /** A read of a parameter by a literal name: what a declaration's {@code in(params)} replaces. */
  private static final Pattern BARE_READ =
      Pattern.compile(
          "\\b[a-z]\\w*\\.(text|optionalText|integer|jsonArray|jsonObject|userIds|memberChanges|is)"
              + "\\(\\s*\"|\\b(self|actor)\\(\\s*params,\\s*\"");

  @Test
  void everyResourceOfTheApiIsListed() throws IOException {
    java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
    Set<String> found = new TreeSet<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          Class<?> type = Class.forName(name, false, getClass().getClassLoader());
          if (PluginResource.class.isAssignableFrom(type)
              && !Modifier.isAbstract(type.getModifiers())) {
            found.add(name);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // not loadable without the server: not a resource of ours
        }
      }
    }
    Set<String> listed = new TreeSet<>();
    ParametersFilter.RESOURCES.forEach(r -> listed.add(r.getName()));
    assertEquals(found, listed, "ParametersFilter.RESOURCES");
  }

  @Test
  void everyPathOfAResourceIsADeclaredOperationWithOneGetMethod() {
    Set<String> all = new TreeSet<>();
    for (Class<?> resource : ParametersFilter.RESOURCES) {
      Set<String> gets = new TreeSet<>();
      for (Method method : resource.getDeclaredMethods()) {
        Path path = method.getAnnotation(Path.class);
        if (path != null) {
          // a POST reaches the GET through PostAsGet; a POST method of its own would never run
          assertTrue(method.isAnnotationPresent(GET.class), method + " is a GET");
          assertTrue(gets.add(path.value()), path.value() + " has one method");
        }
      }
      Set<String> declared = new TreeSet<>();
      for (Operation operation : Operation.declaredIn(resource)) {
        declared.add(operation.name());
        assertTrue(all.add(operation.name()), operation.name() + " is declared once");
      }
      assertEquals(gets, declared, resource.getSimpleName() + ": GET paths and operations");
    }
    assertTrue(all.size() > 30, all.toString());
  }

  @Test
  void everyDeclaredParameterBelongsToAnOperation() throws IllegalAccessException {
    for (Class<?> resource : ParametersFilter.RESOURCES) {
      List<Operation> operations = Operation.declaredIn(resource);
      for (Field field : resource.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == Parameter.class) {
          field.setAccessible(true);
          Parameter<?> parameter = (Parameter<?>) field.get(null);
          assertTrue(
              operations.stream().anyMatch(o -> o.reads(parameter)),
              resource.getSimpleName() + "." + field.getName() + " is in no operation");
          assertTrue(
              parameter.description() != null && !parameter.description().isBlank(),
              resource.getSimpleName() + "." + field.getName() + " has a description");
        }
      }
    }
  }

  @Test
  void noResourceReadsAParameterByABareName() throws IOException {
    List<String> bare = new ArrayList<>();
    for (Class<?> resource : ParametersFilter.RESOURCES) {
      java.nio.file.Path source =
          java.nio.file.Path.of("src/main/java", resource.getName().replace('.', '/') + ".java");
      String text = Files.readString(source);
      Matcher m = BARE_READ.matcher(text);
      while (m.find()) {
        int line = text.substring(0, m.start()).split("\n", -1).length;
        bare.add(resource.getSimpleName() + ":" + line + " " + m.group());
      }
    }
    assertEquals(List.of(), bare, "read through a declared Parameter instead");
  }
}
