package im.tlim.settings;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;

/** Typed access to tlim's system properties; read on each call so a CLI change takes effect. */
@ApplicationScoped
public class Settings {

  /** Largest accepted envelope, UTF-8 bytes ({@code tlim.message.max-body-bytes}). */
  public int maxEnvelopeBytes() {
    return intProperty("tlim.message.max-body-bytes", 64 * 1024);
  }

  /** How long after sending a message may be recalled ({@code tlim.recall.window-seconds}). */
  public Duration recallWindow() {
    return Duration.ofSeconds(intProperty("tlim.recall.window-seconds", 120));
  }

  /** Largest history page ({@code tlim.history.max-page}). */
  public int maxHistoryPage() {
    return intProperty("tlim.history.max-page", 1000);
  }

  /**
   * Most entries of a list, both ways ({@code tlim.lists.max-entries}): the users of one addUser,
   * the subscribers of one addSession or modifySession (more is error-030), and the sessions or
   * announcements one findSessions, findWebSessions or findPubactList answers.
   */
  public int maxListEntries() {
    return intProperty("tlim.lists.max-entries", 1000);
  }

  /**
   * How long a user known to be in the directory is not looked up again ({@code
   * tlim.contacts.cache-seconds}).
   */
  public Duration contactsCacheTime() {
    return Duration.ofSeconds(intProperty("tlim.contacts.cache-seconds", 10));
  }

  /**
   * Where push notifications for offline mobile users are POSTed ({@code tlim.push.url}); null when
   * push is off.
   */
  public java.net.URI pushUrl() {
    String value = System.getProperty("tlim.push.url");
    return value == null || value.isBlank() ? null : java.net.URI.create(value.trim());
  }

  /**
   * Where uploaded files are kept ({@code tlim.files.dir}); by default under WildFly's data
   * directory, beside the embedded database.
   */
  public Path filesDirectory() {
    String value = System.getProperty("tlim.files.dir");
    if (value == null || value.isBlank()) {
      return Path.of(System.getProperty("jboss.server.data.dir", "data"), "tlim", "files");
    }
    return Path.of(value.trim());
  }

  /** Largest accepted file, bytes ({@code tlim.files.max-bytes}). */
  public long maxFileBytes() {
    return longProperty("tlim.files.max-bytes", 100L * 1024 * 1024);
  }

  /** Envelopes a user may send per second, sustained ({@code tlim.rate.per-second}; 0 = off). */
  public double ratePerSecond() {
    String value = System.getProperty("tlim.rate.per-second");
    try {
      return value == null || value.isBlank() ? 20 : Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      return 20;
    }
  }

  /** Envelopes a user may send at once before the rate applies ({@code tlim.rate.burst}). */
  public int rateBurst() {
    return intProperty("tlim.rate.burst", 50);
  }

  /**
   * Origins allowed to call the API from a browser ({@code tlim.cors.origins}, comma-separated).
   */
  public java.util.Set<String> corsOrigins() {
    String value = System.getProperty("tlim.cors.origins", "");
    return java.util.Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(o -> !o.isEmpty())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  static int intProperty(String name, int fallback) {
    long value = longProperty(name, fallback);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      System.getLogger(Settings.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "{0}={1} is out of range; using {2}",
              name,
              value,
              fallback);
      return fallback;
    }
    return (int) value;
  }

  static long longProperty(String name, long fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      System.getLogger(Settings.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "{0}={1} is not a number; using {2}",
              name,
              value,
              fallback);
      return fallback;
    }
  }
}
