package im.tlim.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A setting reads its system property on each call; missing, blank or invalid is its default. */
class SettingTest {

  private static final String NAME = "tlim.test.setting";

  @Test
  void aNumberIsItsDefaultWhenMissingBlankOrInvalid() {
    Setting<Integer> setting = Setting.integer(NAME, null, 7, "", "test");
    assertEquals(7, with(null, setting::value));
    assertEquals(7, with("  ", setting::value));
    assertEquals(7, with("seven", setting::value));
    assertEquals(7, with("3000000000", setting::value), "out of int range");
    assertEquals(12, with(" 12 ", setting::value));
  }

  @Test
  void aChangeIsSeenOnTheNextRead() {
    Setting<Long> setting = Setting.longInteger(NAME, null, 1, "", "test");
    assertEquals(3000000000L, with("3000000000", setting::value));
    assertEquals(1L, setting.value());
  }

  @Test
  void secondsAndDecimals() {
    assertEquals(Duration.ofSeconds(5), with("5", Setting.seconds(NAME, null, 120, "test")::value));
    assertEquals(2.5, with("2.5", Setting.decimal(NAME, null, 20, "", "test")::value));
    assertEquals(20.0, with("fast", Setting.decimal(NAME, null, 20, "", "test")::value));
  }

  @Test
  void textIsKeptAsSetAndIsItsDefaultOnlyWhenMissing() {
    Setting<String> setting = Setting.textOnDeploy(NAME, null, "tlim", "test");
    assertEquals("tlim", with(null, setting::value));
    assertEquals("", with("", setting::value), "blank is the operator's choice, not the default");
    assertEquals(" a b ", with(" a b ", setting::value));
    assertNull(with(null, Setting.textOnDeploy(NAME, null, null, "test")::value));
  }

  @Test
  void wordsAndUris() {
    Setting<Set<String>> words = Setting.words(NAME, null, "test");
    assertEquals(Set.of(), with(null, words::value));
    assertEquals(Set.of("a", "b"), with(" a, ,b ,", words::value));
    Setting<URI> uri = Setting.optionalUri(NAME, null, "test");
    assertNull(with(" ", uri::value));
    assertNull(with("http://bad host/", uri::value), "invalid: none, as the default");
    assertEquals(URI.create("http://h/p"), with(" http://h/p ", uri::value));
  }

  @Test
  void theFilesDirectoryDefaultFollowsTheDataDirectory() {
    String before = System.getProperty("jboss.server.data.dir");
    System.setProperty("jboss.server.data.dir", "/srv/data");
    try {
      assertEquals(Path.of("/srv/data/tlim/files"), Settings.FILES_DIRECTORY.defaultValue());
    } finally {
      restore("jboss.server.data.dir", before);
    }
  }

  /** Today's defaults, as the accessors the beans use give them. */
  @Test
  void theDefaultsAreUnchanged() {
    for (Setting<?> setting : Settings.ALL) {
      assertNull(System.getProperty(setting.property()), setting.property());
    }
    Settings settings = new Settings();
    assertEquals(65536, settings.maxEnvelopeBytes());
    assertEquals(Duration.ofSeconds(120), settings.recallWindow());
    assertEquals(1000, settings.maxHistoryPage());
    assertEquals(1000, settings.maxListEntries());
    assertEquals(Duration.ofSeconds(10), settings.contactsCacheTime());
    assertNull(settings.pushUrl());
    assertEquals(104857600L, settings.maxFileBytes());
    assertEquals(20.0, settings.ratePerSecond());
    assertEquals(50, settings.rateBurst());
    assertEquals(Set.of(), settings.corsOrigins());
    assertEquals(256, Settings.LIVE_MAX_QUEUED_FRAMES.value());
    assertEquals(4L * 1024 * 1024, Settings.LIVE_MAX_QUEUED_CHARS.value());
    assertEquals(Setting.Effect.ON_DEPLOY, Settings.INBOUND_LANES.effect());
  }

  /** The declared default text, read back, is the default (where it is a plain value). */
  @Test
  void eachDefaultTextReadsAsItsDefault() {
    for (Setting<?> setting : Settings.ALL) {
      if (setting.defaultText().contains("${")) {
        continue; // resolved by the server, e.g. the files directory
      }
      Object expected = setting.defaultValue();
      if (setting.defaultText().isEmpty() && expected == null) {
        continue;
      }
      assertEquals(
          expected,
          with(setting.property(), setting.defaultText(), setting::value),
          setting.property());
    }
  }

  private static <T> T with(String value, Supplier<T> read) {
    return with(NAME, value, read);
  }

  /** What {@code read} gives while {@code property} is {@code value} (null: missing). */
  private static <T> T with(String property, String value, Supplier<T> read) {
    String before = System.getProperty(property);
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
    try {
      return read.get();
    } finally {
      restore(property, before);
    }
  }

  private static void restore(String name, String before) {
    if (before == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, before);
    }
  }
}
