package im.tlim.web.file;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header of the form {@code value; name=token; name="quoted string"} (Content-Type,
 * Content-Disposition), split into its value and parameters. Parameter names are lower-cased; the
 * first of a repeated name counts.
 */
record HeaderValue(String value, Map<String, String> parameters) {

  static HeaderValue parse(String header) {
    if (header == null) {
      return new HeaderValue("", Map.of());
    }
    int semicolon = header.indexOf(';');
    String value = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
    Map<String, String> parameters = new HashMap<>();
    int i = semicolon < 0 ? header.length() : semicolon + 1;
    while (i < header.length()) {
      int nameEnd = i;
      while (nameEnd < header.length()
          && header.charAt(nameEnd) != '='
          && header.charAt(nameEnd) != ';') {
        nameEnd++;
      }
      String name = header.substring(i, nameEnd).trim().toLowerCase(Locale.ROOT);
      if (nameEnd == header.length() || header.charAt(nameEnd) == ';') {
        i = nameEnd + 1; // a name without a value: nothing to keep
        continue;
      }
      int v = nameEnd + 1;
      while (v < header.length() && (header.charAt(v) == ' ' || header.charAt(v) == '\t')) {
        v++;
      }
      StringBuilder text = new StringBuilder();
      if (v < header.length() && header.charAt(v) == '"') {
        v++;
        while (v < header.length() && header.charAt(v) != '"') {
          char c = header.charAt(v++);
          if (c == '\\' && v < header.length()) {
            c = header.charAt(v++);
          }
          text.append(c);
        }
        // past the closing quote to the next parameter
        while (v < header.length() && header.charAt(v) != ';') {
          v++;
        }
      } else {
        while (v < header.length() && header.charAt(v) != ';') {
          text.append(header.charAt(v++));
        }
      }
      if (!name.isEmpty()) {
        parameters.putIfAbsent(name, text.toString().trim());
      }
      i = v + 1;
    }
    return new HeaderValue(value, Map.copyOf(parameters));
  }

  /** The value without its parameters, lower-cased (media types and disposition types). */
  String type() {
    return value.toLowerCase(Locale.ROOT);
  }

  /** A parameter, or null. */
  String parameter(String name) {
    return parameters.get(name);
  }
}
