package im.tlim.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Settings} is the one declaration of tlim's settings: README's table is generated from it,
 * and the CLI script and the annotations' {@code ${tlim.…}} expressions must agree with it.
 *
 * <p>After changing a setting, regenerate README's table: {@code mvn -B -q test -pl ejb -am
 * -Dtest=SettingsDeclaredOnceTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtlim.settings.write-readme=true}.
 */
class SettingsDeclaredOnceTest {

  static final String BEGIN =
      "<!-- settings: generated from im.tlim.settings.Settings (SettingsDeclaredOnceTest) -->";
  static final String END = "<!-- settings: end -->";

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path README = ROOT.resolve("README.md");
  private static final Path CLI = ROOT.resolve("wildfly-config/scripts/configure-tlim.cli");

  /** The README table's rows, one per setting, in {@link Settings#ALL}'s order. */
  static String table() {
    StringBuilder table = new StringBuilder();
    table.append("| variable | system property | default | takes effect | meaning |\n");
    table.append("|---|---|---|---|---|\n");
    for (Setting<?> setting : Settings.ALL) {
      String variable =
          setting.environment() == null
              ? "(none: `-D` or `/system-property`)"
              : "`" + setting.environment() + "`";
      String fallback =
          setting.defaultText().isEmpty() ? "(none)" : "`" + setting.defaultText() + "`";
      if (!setting.unit().isEmpty()) {
        fallback += " " + setting.unit();
      }
      table
          .append("| ")
          .append(variable)
          .append(" | `")
          .append(setting.property())
          .append("` | ")
          .append(fallback)
          .append(" | ")
          .append(setting.effect().text())
          .append(" | ")
          .append(setting.description())
          .append(" |\n");
    }
    return table.toString();
  }

  @Test
  void readmeTableIsGeneratedFromTheDeclarations() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "README has no " + BEGIN + " … " + END + " block");
    String expected = BEGIN + "\n" + table() + END;
    String actual = readme.substring(begin, end + END.length());
    if (!expected.equals(actual) && Boolean.getBoolean("tlim.settings.write-readme")) {
      Files.writeString(
          README,
          readme.substring(0, begin) + expected + readme.substring(end + END.length()),
          StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        expected,
        actual,
        "README's settings table differs from Settings; regenerate it with"
            + " -Dtlim.settings.write-readme=true (see this test's javadoc)");
  }

  @Test
  void everySettingConstantIsListedInAll() throws IllegalAccessException {
    List<Object> constants = new ArrayList<>();
    for (Field field : Settings.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Setting.class) {
        constants.add(field.get(null));
      }
    }
    assertEquals(constants, List.copyOf(Settings.ALL), "Settings.ALL, in declaration order");
    assertEquals(
        Settings.ALL.size(),
        Settings.ALL.stream().map(Setting::property).distinct().count(),
        "a property is declared twice");
  }

  /** Each {@code /system-property=tlim.…:add(value="${env.X:default}")} matches a declaration. */
  @Test
  void cliScriptSetsEachSettingFromItsVariableWithItsDefault() throws IOException {
    Pattern line =
        Pattern.compile(
            "^\\s*/system-property=(tlim\\.[^:]+):add\\(value=\"\\$\\{env\\.([A-Z0-9_]+):(.*)\\}\"\\)\\s*$");
    Map<String, String> inScript = new LinkedHashMap<>();
    for (String text : Files.readAllLines(CLI, StandardCharsets.UTF_8)) {
      Matcher m = line.matcher(text);
      if (m.matches()) {
        inScript.put(m.group(1), m.group(2) + " default " + m.group(3));
      } else if (text.contains("/system-property=tlim.") && text.contains(":add(")) {
        fail("a tlim system property the test cannot read: " + text);
      }
    }
    Map<String, String> declared = new LinkedHashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      if (setting.environment() != null) {
        declared.put(
            setting.property(), setting.environment() + " default " + setting.defaultText());
      }
    }
    assertEquals(sorted(declared), sorted(inScript), "configure-tlim.cli against Settings");
  }

  /** An annotation's {@code ${tlim.name:default}} names a declared setting with its default. */
  @Test
  void expressionsInTheSourcesMatchTheDeclarations() throws IOException {
    Pattern expression = Pattern.compile("\\$\\{(tlim\\.[a-z0-9.-]+)(?::([^}]*))?\\}");
    Map<String, Setting<?>> byName = new LinkedHashMap<>();
    Settings.ALL.forEach(s -> byName.put(s.property(), s));
    int seen = 0;
    for (Path source : mainSources()) {
      Matcher m = expression.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (m.find()) {
        Setting<?> setting = byName.get(m.group(1));
        assertTrue(setting != null, source + " reads " + m.group(1) + ", not declared in Settings");
        assertEquals(setting.defaultText(), m.group(2), source + ": default of " + m.group(1));
        assertEquals(Setting.Effect.ON_DEPLOY, setting.effect(), m.group(1) + " is read on deploy");
        seen++;
      }
    }
    assertTrue(seen >= 4, "the inbound activation's expressions were found: " + seen);
  }

  /** Only this package reads a {@code tlim.*} system property. */
  @Test
  void noOtherClassReadsATlimProperty() throws IOException {
    Pattern read =
        Pattern.compile(
            "(System\\.getProperty|Integer\\.getInteger|Long\\.getLong|Boolean\\.getBoolean"
                + "|System\\.getenv)\\(\\s*\"(tlim\\.|TLIM_)");
    for (Path source : mainSources()) {
      if (source.toString().contains("/im/tlim/settings/")) {
        continue;
      }
      Matcher m = read.matcher(Files.readString(source, StandardCharsets.UTF_8));
      assertTrue(!m.find(), source + " reads a setting itself; declare it in Settings");
    }
  }

  private static List<Path> mainSources() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String module : List.of("ejb", "web", "xmpp-connector")) {
      Path dir = ROOT.resolve(module).resolve("src/main/java");
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
        }
      }
    }
    assertTrue(sources.size() > 50, "sources found under " + ROOT);
    return sources;
  }

  private static String sorted(Map<String, String> map) {
    StringBuilder text = new StringBuilder();
    map.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> text.append(e.getKey()).append(" = ").append(e.getValue()).append('\n'));
    return text.toString();
  }
}
