package im.tlim.web.operation;

import java.util.List;

/**
 * What the OpenAPI document says of a parameter's value: its JSON type and limits. Built from the
 * same numbers the parameter is read with, so the document cannot promise other limits than the
 * code enforces.
 *
 * @param type the JSON type: {@code string}, {@code integer}, {@code array} or {@code object}
 * @param format a format such as {@code int64}, or null
 * @param minLength the shortest text allowed, or null
 * @param maxLength the longest text allowed, or null
 * @param minimum the smallest number allowed, or null
 * @param maximum the largest number allowed, or null
 * @param fallback the value taken when the parameter is absent, or null
 * @param values the only values allowed, or empty
 * @param items the schema (under {@code #/components/schemas/}) of an array's entries, or null
 * @param alternative another shape the value may have instead ({@code anyOf}), or null
 */
public record Shape(
    String type,
    String format,
    Integer minLength,
    Integer maxLength,
    Long minimum,
    Long maximum,
    Object fallback,
    List<Object> values,
    String items,
    Shape alternative) {

  public Shape {
    values = List.copyOf(values);
  }

  /** Text of at most {@code maxLength} characters. */
  public static Shape text(int maxLength) {
    return new Shape("string", null, null, maxLength, null, null, null, List.of(), null, null);
  }

  /** Text with no length limit of its own. */
  public static Shape anyText() {
    return new Shape("string", null, null, null, null, null, null, List.of(), null, null);
  }

  /** Text that is one of {@code words}. */
  public static Shape words(String... words) {
    return new Shape("string", null, null, null, null, null, null, List.of(words), null, null);
  }

  /** A whole number in [min, max]; {@link Integer#MAX_VALUE} as max means no upper limit. */
  public static Shape integer(long min, long max) {
    return new Shape(
        "integer",
        null,
        null,
        null,
        min,
        max == Integer.MAX_VALUE ? null : max,
        null,
        List.of(),
        null,
        null);
  }

  /** A whole number that is one of {@code values}. */
  public static Shape integerOneOf(Integer... values) {
    return new Shape(
        "integer", null, null, null, null, null, null, List.of((Object[]) values), null, null);
  }

  /** A JSON array whose entries are the named component schema. */
  public static Shape arrayOf(String items) {
    return new Shape("array", null, null, null, null, null, null, List.of(), items, null);
  }

  /** A JSON object. */
  public static Shape object() {
    return new Shape("object", null, null, null, null, null, null, List.of(), null, null);
  }

  /** This shape with a format such as {@code int64}. */
  public Shape format(String format) {
    return new Shape(
        type, format, minLength, maxLength, minimum, maximum, fallback, values, items, alternative);
  }

  /** This shape with a shortest length. */
  public Shape minLength(int minLength) {
    return new Shape(
        type, format, minLength, maxLength, minimum, maximum, fallback, values, items, alternative);
  }

  /** This shape with the value taken when the parameter is absent. */
  public Shape fallback(Object fallback) {
    return new Shape(
        type, format, minLength, maxLength, minimum, maximum, fallback, values, items, alternative);
  }

  /** Either this shape or {@code other} ({@code anyOf}). */
  public Shape or(Shape other) {
    return new Shape(
        type, format, minLength, maxLength, minimum, maximum, fallback, values, items, other);
  }

  /** Whether the value is JSON (an array or an object) rather than text or a number. */
  public boolean isJson() {
    return "array".equals(type) || "object".equals(type);
  }
}
