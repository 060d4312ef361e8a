package im.tlim.web.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.tlim.envelope.Envelope;
import im.tlim.error.ErrorCode;
import im.tlim.web.api.param.Params;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One parameter of an operation, declared once: how it is read (its name, limits and the error code
 * when it is missing or invalid) and what the OpenAPI document says of it (the same limits, whether
 * it is required, a description and an example). A resource reads the value with {@link
 * #in(Params)}; the document's GET parameter and POST body property are written from this.
 *
 * @param <T> what the value is once read
 */
public final class Parameter<T> {

  /**
   * The longest user id a user parameter ({@link #user}) may hold; {@code PluginResource.self} and
   * {@code actor} read them with this limit.
   */
  public static final int USER_ID_LENGTH = Envelope.MAX_ID_LENGTH;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Shape shape;
  private final boolean required;
  private final String description;
  private final Object example;
  private final BiFunction<Params, String, T> reader;

  private Parameter(
      String name,
      Shape shape,
      boolean required,
      String description,
      Object example,
      BiFunction<Params, String, T> reader) {
    this.name = Objects.requireNonNull(name);
    this.shape = Objects.requireNonNull(shape);
    this.required = required;
    this.description = description;
    this.example = example;
    this.reader = reader;
  }

  /** Required text: {@code missing} when absent or blank, error-026 when longer than max. */
  public static Parameter<String> required(String name, ErrorCode missing, int maxLength) {
    return new Parameter<>(
        name, Shape.text(maxLength), true, null, null, (p, n) -> p.text(n, missing, maxLength));
  }

  /** A required id (a user's, a message's, a group's): {@code missing} when absent or blank. */
  public static Parameter<String> requiredId(String name, ErrorCode missing) {
    return required(name, missing, Envelope.MAX_ID_LENGTH);
  }

  /** An optional id (a message's, as a cursor or an acknowledgement). */
  public static Parameter<String> optionalId(String name) {
    return optional(name, Envelope.MAX_ID_LENGTH);
  }

  /**
   * {@code session_id}: a group's id, or for a 1:1 chat the peer's user id; error-007 when missing.
   */
  public static Parameter<String> sessionId() {
    return requiredId("session_id", ErrorCode.SESSION_ID_EMPTY);
  }

  /** Optional text (null when absent), error-026 when longer than max. */
  public static Parameter<String> optional(String name, int maxLength) {
    return new Parameter<>(
        name, Shape.text(maxLength), false, null, null, (p, n) -> p.optionalText(n, maxLength));
  }

  /**
   * A user the call is about, read by {@code PluginResource.self} or {@code actor} (the caller when
   * absent, or the user the service role names). {@link #in} gives the text as named.
   */
  public static Parameter<String> user(String name) {
    return new Parameter<>(
        name,
        Shape.text(USER_ID_LENGTH),
        false,
        null,
        null,
        (p, n) -> p.optionalText(n, USER_ID_LENGTH));
  }

  /** A whole number in [min, max], {@code fallback} when absent; error-026 otherwise. */
  public static Parameter<Integer> integer(String name, int fallback, int min, int max) {
    Shape shape = Shape.integer(min, max);
    if (fallback >= min && fallback <= max) {
      shape = shape.fallback(fallback);
    }
    return new Parameter<>(
        name, shape, false, null, null, (p, n) -> p.integer(n, fallback, min, max));
  }

  /**
   * A whole number in [min, max] or the word {@code word} (read as {@code wordValue}), {@code
   * fallback} when absent.
   */
  public static Parameter<Integer> integerOrWord(
      String name, String word, int wordValue, int fallback, int min, int max) {
    Shape shape = Shape.integer(min, max).or(Shape.words(word)).fallback(fallback);
    return new Parameter<>(
        name,
        shape,
        false,
        null,
        null,
        (p, n) -> p.is(n, word) ? wordValue : p.integer(n, fallback, min, max));
  }

  /** Whether the parameter is one of {@code words} (case-insensitive); false when absent. */
  public static Parameter<Boolean> word(String name, String... words) {
    return new Parameter<>(
        name,
        Shape.words(words),
        false,
        null,
        null,
        (p, n) -> {
          for (String word : words) {
            if (p.is(n, word)) {
              return true;
            }
          }
          return false;
        });
  }

  /** A JSON array (or its JSON text) of {@code items}, null when absent; error-026 otherwise. */
  public static Parameter<JsonNode> jsonArray(String name, String items) {
    return new Parameter<>(name, Shape.arrayOf(items), false, null, null, Params::jsonArray);
  }

  /** A JSON object (or its JSON text), null when absent; error-026 otherwise. */
  public static Parameter<JsonNode> jsonObject(String name) {
    return new Parameter<>(name, Shape.object(), false, null, null, Params::jsonObject);
  }

  /** A list of user ids ({@link Params#userIds}), each entry an {@code items}; empty if absent. */
  public static Parameter<List<String>> userIds(String name, String items) {
    return new Parameter<>(name, Shape.arrayOf(items), false, null, null, Params::userIds);
  }

  /** modifySession's membership changes ({@link Params#memberChanges}), of {@code items}. */
  public static Parameter<List<Params.Change>> memberChanges(String name, String items) {
    return new Parameter<>(name, Shape.arrayOf(items), false, null, null, Params::memberChanges);
  }

  /** This parameter, described so in the document. */
  public Parameter<T> describe(String description) {
    return new Parameter<>(name, shape, required, description, example, reader);
  }

  /** This parameter with an example value (text, a number) in the document. */
  public Parameter<T> example(Object example) {
    return new Parameter<>(name, shape, required, description, example, reader);
  }

  /** This parameter with an example given as JSON text (an array or an object). */
  public Parameter<T> exampleJson(String json) {
    try {
      return example(JSON.readValue(json, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + ": the example is not JSON", e);
    }
  }

  /**
   * This parameter, documented as required or not: for a user parameter, required means that the
   * service role must name the user (a user's token may leave it out); for text that another
   * parameter can stand in for, not required.
   */
  public Parameter<T> documentedRequired(boolean required) {
    return new Parameter<>(name, shape, required, description, example, reader);
  }

  /**
   * This parameter, documented with another shape: for text the resource parses further (a number
   * in text, say), the shape of what it accepts.
   */
  public Parameter<T> documentedAs(Shape shape) {
    return new Parameter<>(name, shape, required, description, example, reader);
  }

  /** The value in these parameters, read as declared. */
  public T in(Params params) {
    return reader.apply(params, name);
  }

  public String name() {
    return name;
  }

  public Shape shape() {
    return shape;
  }

  public boolean required() {
    return required;
  }

  public String description() {
    return description;
  }

  public Object example() {
    return example;
  }

  @Override
  public String toString() {
    return name;
  }
}
