package im.tlim.settings;

import im.tlim.observability.TlimLogger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One operator setting, declared once: its system property, the environment variable the CLI script
 * reads it from, its default, unit, when a change takes effect and what it means. {@link #value()}
 * reads the system property on each call; a missing value is the default, an invalid one is logged
 * and is the default too.
 *
 * @param <T> the type the setting is read as
 */
public final class Setting<T> {

  private static final TlimLogger LOG = TlimLogger.of(Setting.class);

  /** When a changed value is seen. */
  public enum Effect {
    /** read on each use: a {@code /system-property} change applies at once */
    AT_ONCE("at once"),
    /** read when the application deploys: a change needs a redeploy or reload */
    ON_DEPLOY("on redeploy");

    private final String text;

    Effect(String text) {
      this.text = text;
    }

    /** As the README's table says it. */
    public String text() {
      return text;
    }
  }

  private final String property;
  private final String environment;
  private final String defaultText;
  private final Supplier<T> defaultValue;
  private final Function<String, T> parser;
  private final String unit;
  private final Effect effect;
  private final String description;

  private Setting(
      String property,
      String environment,
      String defaultText,
      Supplier<T> defaultValue,
      Function<String, T> parser,
      String unit,
      Effect effect,
      String description) {
    this.property = Objects.requireNonNull(property);
    this.environment = environment;
    this.defaultText = Objects.requireNonNull(defaultText);
    this.defaultValue = Objects.requireNonNull(defaultValue);
    this.parser = Objects.requireNonNull(parser);
    this.unit = unit == null ? "" : unit;
    this.effect = Objects.requireNonNull(effect);
    this.description = Objects.requireNonNull(description);
  }

  /** A whole number; blank is the default, one out of {@code int} range is invalid. */
  static Setting<Integer> integer(
      String property, String environment, int fallback, String unit, String description) {
    return new Setting<>(
        property,
        environment,
        Integer.toString(fallback),
        () -> fallback,
        text -> text.isBlank() ? null : Integer.valueOf(text.trim()),
        unit,
        Effect.AT_ONCE,
        description);
  }

  /** A whole number up to {@code long}; blank is the default. */
  static Setting<Long> longInteger(
      String property, String environment, long fallback, String unit, String description) {
    return new Setting<>(
        property,
        environment,
        Long.toString(fallback),
        () -> fallback,
        text -> text.isBlank() ? null : Long.valueOf(text.trim()),
        unit,
        Effect.AT_ONCE,
        description);
  }

  /** A decimal number; blank is the default. */
  static Setting<Double> decimal(
      String property, String environment, int fallback, String unit, String description) {
    return new Setting<>(
        property,
        environment,
        Integer.toString(fallback),
        () -> (double) fallback,
        text -> text.isBlank() ? null : Double.valueOf(text.trim()),
        unit,
        Effect.AT_ONCE,
        description);
  }

  /** A duration in whole seconds; blank is the default. */
  static Setting<Duration> seconds(
      String property, String environment, int fallback, String description) {
    return new Setting<>(
        property,
        environment,
        Integer.toString(fallback),
        () -> Duration.ofSeconds(fallback),
        text -> text.isBlank() ? null : Duration.ofSeconds(Integer.parseInt(text.trim())),
        "s",
        Effect.AT_ONCE,
        description);
  }

  /** A URI; blank or missing is none (null). */
  static Setting<URI> optionalUri(String property, String environment, String description) {
    return new Setting<>(
        property,
        environment,
        "",
        () -> null,
        text -> text.isBlank() ? null : URI.create(text.trim()),
        "",
        Effect.AT_ONCE,
        description);
  }

  /**
   * A directory; blank is the default, which {@code fallback} gives when read, so it may depend on
   * other properties. {@code defaultText} is the default as the CLI script writes it.
   */
  static Setting<Path> directory(
      String property,
      String environment,
      String defaultText,
      Supplier<Path> fallback,
      String description) {
    return new Setting<>(
        property,
        environment,
        defaultText,
        fallback,
        text -> text.isBlank() ? null : Path.of(text.trim()),
        "",
        Effect.AT_ONCE,
        description);
  }

  /** Comma-separated words, each trimmed, empty ones dropped; missing or blank is none. */
  static Setting<Set<String>> words(String property, String environment, String description) {
    Function<String, Set<String>> parser =
        text ->
            Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(word -> !word.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    return new Setting<>(
        property, environment, "", () -> Set.of(), parser, "", Effect.AT_ONCE, description);
  }

  /**
   * Text, exactly as set (blank included: the reader decides what blank means); missing is {@code
   * fallback}, which may be null. Read once, when the application deploys.
   */
  static Setting<String> textOnDeploy(
      String property, String environment, String fallback, String description) {
    return new Setting<>(
        property,
        environment,
        fallback == null ? "" : fallback,
        () -> fallback,
        text -> text,
        "",
        Effect.ON_DEPLOY,
        description);
  }

  /** This setting, but read once when the application deploys. */
  Setting<T> onDeploy() {
    return new Setting<>(
        property,
        environment,
        defaultText,
        defaultValue,
        parser,
        unit,
        Effect.ON_DEPLOY,
        description);
  }

  /** The value now: the system property's, or the default when it is missing or invalid. */
  public T value() {
    String text = System.getProperty(property);
    if (text == null) {
      return defaultValue.get();
    }
    T value;
    try {
      value = parser.apply(text);
    } catch (IllegalArgumentException e) { // NumberFormatException too
      LOG.settingInvalid(property, text, defaultText);
      return defaultValue.get();
    }
    return value == null ? defaultValue.get() : value;
  }

  /** The value when the system property is missing. */
  public T defaultValue() {
    return defaultValue.get();
  }

  /** The system property, e.g. {@code tlim.rate.burst}. */
  public String property() {
    return property;
  }

  /** The environment variable the CLI script sets it from, or null when it has none. */
  public String environment() {
    return environment;
  }

  /** The default as the CLI script writes it; empty when there is none. */
  public String defaultText() {
    return defaultText;
  }

  /** The unit of a number ({@code bytes}, {@code s} …), or empty. */
  public String unit() {
    return unit;
  }

  /** When a changed value is seen. */
  public Effect effect() {
    return effect;
  }

  /** What it means, one line of Markdown. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return property;
  }
}
