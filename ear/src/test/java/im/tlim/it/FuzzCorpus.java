package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fuzz seeds in {@code src/test/resources/fuzz}: a valid envelope of every type a client sends
 * ({@code xmpp/<msg_type>.json}) and a valid call of every HTTP operation ({@code
 * http/<operation>.json}). Their texts hold placeholders such as {{me}} or {{group}}, which FuzzIT
 * fills with the users, groups, files and messages it made.
 */
final class FuzzCorpus {

  /** A client envelope; {@code expect} lists the answers the unmutated envelope may get. */
  record EnvelopeSeed(
      String name,
      String type,
      String note,
      Set<String> expect,
      String location,
      ObjectNode envelope) {}

  /** An HTTP call; {@code token} is "service" or a placeholder naming the calling user. */
  record CallSeed(String operation, String note, String token, ObjectNode params) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_0-9]+)}}");

  private FuzzCorpus() {}

  static List<EnvelopeSeed> envelopes() throws IOException {
    List<EnvelopeSeed> seeds = new ArrayList<>();
    for (Path file : files("fuzz/xmpp")) {
      JsonNode seed = XmppClient.JSON.readTree(file.toFile());
      Set<String> expect = new LinkedHashSet<>();
      seed.path("expect").forEach(e -> expect.add(e.asText()));
      ObjectNode envelope = (ObjectNode) seed.get("envelope");
      seeds.add(
          new EnvelopeSeed(
              file.getFileName().toString().replace(".json", ""),
              envelope.path("msg_type").asText(),
              seed.path("note").asText(),
              expect.isEmpty() ? Set.of("ok") : expect,
              seed.path("location").isTextual() ? seed.path("location").asText() : null,
              envelope));
    }
    return seeds;
  }

  static List<CallSeed> calls() throws IOException {
    List<CallSeed> seeds = new ArrayList<>();
    for (Path file : files("fuzz/http")) {
      JsonNode seed = XmppClient.JSON.readTree(file.toFile());
      seeds.add(
          new CallSeed(
              seed.path("operation").asText(),
              seed.path("note").asText(),
              seed.path("token").asText("service"),
              (ObjectNode) seed.get("params")));
    }
    return seeds;
  }

  /** A copy of the tree with every placeholder in its texts replaced by {@code values}. */
  static JsonNode resolve(JsonNode node, Function<String, String> values) {
    if (node.isTextual()) {
      return TextNode.valueOf(resolve(node.asText(), values));
    }
    if (node.isObject()) {
      ObjectNode copy = XmppClient.JSON.createObjectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(e.getValue(), values)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = XmppClient.JSON.createArrayNode();
      node.forEach(e -> copy.add(resolve(e, values)));
      return copy;
    }
    return node.deepCopy();
  }

  /** The text with every {{name}} replaced by {@code values.apply(name)}. */
  static String resolve(String text, Function<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.apply(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  private static List<Path> files(String folder) throws IOException {
    URL url = FuzzCorpus.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw new AssertionError("the fuzz corpus " + folder + " is not on the test class path");
    }
    try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
      List<Path> files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      if (files.isEmpty()) {
        throw new AssertionError("the fuzz corpus " + folder + " is empty");
      }
      return files;
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
