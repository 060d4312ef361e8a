package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import im.tlim.it.FuzzText.Field;
import im.tlim.it.FuzzText.Raw;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates a valid envelope into one a careless or hostile client might send: fields deleted,
 * repeated or swapped, values of the wrong type, odd strings and numbers, spoofed senders, unknown
 * types, reused msg_ids, broken or oversize JSON. Every choice comes from the given {@link Random},
 * so a seed gives the same mutations again.
 */
final class EnvelopeMutator {

  /** What the mutator may put into ids: the run's users, groups, files and messages. */
  record Pools(
      String me,
      List<String> users,
      List<String> groups,
      /* msg_ids seen so far: the fixture's and this sender's earlier ones (a live list). */
      List<String> msgIds,
      String file) {}

  /** A mutated envelope: the XMPP body text, the {@code <tlim location>} and what was done. */
  record Mutant(String text, String location, List<String> mutations) {}

  private static final List<String> TOP_FIELDS =
      List.of(
          "compress",
          "encode",
          "encrypt",
          "version",
          "msg_from",
          "msg_to",
          "msg_id",
          "msg_type",
          "msg_time",
          "body");
  private static final List<String> IMPORTANT_FIELDS =
      List.of("msg_id", "msg_type", "msg_from", "msg_to", "body");
  private static final List<String> TYPES =
      List.of(
          "MTT-000",
          "MTT-001",
          "MTT-002",
          "MTT-003",
          "MTT-100",
          "MTT-101",
          "MTT-102",
          "MTT-200",
          "MTT-201",
          "MTB-000",
          "MTB-001",
          "MTS-000",
          "MTS-001",
          "MTS-002",
          "MTS-003",
          "MTS-100",
          "MTS-101",
          "MTS-102",
          "MTS-103",
          "MTS-104",
          "MTS-105",
          "MTS-106",
          "MTS-107",
          "MTC-000",
          "MTC-001",
          "HFO-000",
          "HFO-001",
          "MTC-002",
          "MTT-999",
          "mtt-000",
          "MTT-000 ",
          " MTT-000",
          "MTT000",
          "MTT-0000",
          "MT",
          "",
          "x".repeat(21),
          "MTT-00\u0000",
          "ＭＴＴ-000");
  private static final List<String> LOCATIONS =
      List.of("web", "mobile", "", "WEB", "desktop", "web mobile", "<>&'\"", "é", "x".repeat(300));

  private final Random random;
  private final Pools pools;

  EnvelopeMutator(Random random, Pools pools) {
    this.random = random;
    this.pools = pools;
  }

  /** One to three mutations of the envelope (a copy; the argument is left as it is). */
  Mutant mutate(ObjectNode envelope, String location) {
    List<Field> fields = FuzzText.fields(envelope.deepCopy());
    List<String> log = new ArrayList<>();
    int textOps = 0;
    String loc = location;
    int count = 1 + (random.nextDouble() < 0.4 ? 1 : 0) + (random.nextDouble() < 0.15 ? 1 : 0);
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(100);
      if (kind < 72) {
        log.add(structural(fields));
      } else if (kind < 94) {
        textOps++; // run once the object is written
      } else {
        loc = random.nextInt(4) == 0 ? null : FuzzText.pick(random, LOCATIONS);
        log.add("location=" + (loc == null ? "(none)" : FuzzText.printable(loc, 40)));
      }
    }
    String text = FuzzText.object(fields);
    for (int i = 0; i < textOps; i++) {
      String[] result = textual(text);
      text = result[0];
      log.add(result[1]);
    }
    return new Mutant(FuzzText.xmlSafe(text), loc, log);
  }

  // ---- structural mutations: on the object's fields, before it is written

  private String structural(List<Field> fields) {
    int op = random.nextInt(20);
    switch (op) {
      case 0 -> {
        if (fields.isEmpty()) {
          return "nothing to delete";
        }
        String key =
            random.nextInt(10) < 7
                ? FuzzText.pick(random, IMPORTANT_FIELDS)
                : fields.get(random.nextInt(fields.size())).key;
        fields.removeIf(f -> f.key.equals(key));
        return "delete " + key;
      }
      case 1 -> {
        String key = FuzzText.pick(random, TOP_FIELDS);
        Object value = random.nextBoolean() ? oddValueFor(key) : valueOf(fields, key);
        if (value == null) {
          value = TextNode.valueOf(FuzzText.special(random));
        }
        boolean first = random.nextBoolean();
        fields.add(first ? 0 : fields.size(), new Field(key, value));
        return "repeat " + key + (first ? " before" : " after") + " as " + show(value);
      }
      case 2 -> {
        if (fields.size() < 2) {
          return "nothing to swap";
        }
        Field a = fields.get(random.nextInt(fields.size()));
        Field b = fields.get(random.nextInt(fields.size()));
        Object v = a.value;
        a.value = b.value;
        b.value = v;
        return "swap " + a.key + " and " + b.key;
      }
      case 3 -> {
        String key = FuzzText.pick(random, TOP_FIELDS);
        Object value = FuzzText.wrongType(random);
        set(fields, key, value);
        return key + " := " + show(value);
      }
      case 4 -> {
        String key = FuzzText.pick(random, TOP_FIELDS);
        String value =
            random.nextInt(8) == 0 ? FuzzText.oversize(random) : FuzzText.special(random);
        set(fields, key, TextNode.valueOf(value));
        return key + " := " + show(TextNode.valueOf(value));
      }
      case 5 -> {
        String key = FuzzText.pick(random, List.of("msg_id", "msg_from", "msg_to"));
        String value = oddId();
        set(fields, key, TextNode.valueOf(value));
        return key + " := " + show(TextNode.valueOf(value));
      }
      case 6 -> {
        String value = spoofed();
        set(fields, "msg_from", TextNode.valueOf(value));
        return "msg_from := " + show(TextNode.valueOf(value));
      }
      case 7 -> {
        String value = FuzzText.pick(random, TYPES);
        set(fields, "msg_type", TextNode.valueOf(value));
        return "msg_type := " + show(TextNode.valueOf(value));
      }
      case 8 -> {
        Object value =
            random.nextBoolean()
                ? FuzzText.oddNumber(random)
                : TextNode.valueOf(FuzzText.pick(random, FuzzText.ODD_NUMBER_TEXTS));
        set(fields, "msg_time", value);
        return "msg_time := " + show(value);
      }
      case 9 -> {
        String key = FuzzText.pick(random, List.of("compress", "encode", "encrypt", "version"));
        Object value =
            FuzzText.pick(
                random,
                List.<Object>of(
                    TextNode.valueOf("1"),
                    TextNode.valueOf("0"),
                    TextNode.valueOf(""),
                    TextNode.valueOf("0 "),
                    TextNode.valueOf("gzip"),
                    TextNode.valueOf("x".repeat(51)),
                    FuzzText.NODES.numberNode(0),
                    FuzzText.NODES.numberNode(1),
                    FuzzText.NODES.nullNode(),
                    TextNode.valueOf("2.0.0.0.0.0")));
        set(fields, key, value);
        return key + " := " + show(value);
      }
      case 10 -> {
        List<String> ids = pools.msgIds();
        if (ids.isEmpty()) {
          return "no msg_id to reuse";
        }
        String id = FuzzText.pick(random, ids);
        set(fields, "msg_id", TextNode.valueOf(id));
        return "msg_id := an earlier one, " + id;
      }
      case 11 -> {
        String key =
            FuzzText.pick(
                random,
                List.of(
                    "__proto__",
                    "msg_id2",
                    "MSG_ID",
                    "",
                    "鍵",
                    "msg_id ",
                    "constructor",
                    "x".repeat(200)));
        Object value =
            random.nextBoolean()
                ? TextNode.valueOf(FuzzText.special(random))
                : FuzzText.wrongType(random);
        fields.add(random.nextInt(fields.size() + 1), new Field(key, value));
        return "add field " + FuzzText.printable(key, 20) + " = " + show(value);
      }
      case 12 -> {
        String value = recipient();
        set(fields, "msg_to", TextNode.valueOf(value));
        return "msg_to := " + show(TextNode.valueOf(value));
      }
      default -> {
        return body(fields, op);
      }
    }
  }

  private String body(List<Field> fields, int op) {
    Object current = valueOf(fields, "body");
    ObjectNode first =
        current instanceof ArrayNode a && a.size() > 0 && a.get(0) instanceof ObjectNode o
            ? o
            : null;
    if (first == null || op == 16) {
      Object value = oddBody();
      set(fields, "body", value);
      return "body := " + show(value);
    }
    ArrayNode body = (ArrayNode) current;
    switch (op) {
      case 13 -> {
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        if (keys.isEmpty()) {
          return "body[0] has nothing to delete";
        }
        String key = FuzzText.pick(random, keys);
        first.remove(key);
        return "delete body[0]." + key;
      }
      case 14 -> {
        String key = anyKey(first);
        Object value =
            switch (random.nextInt(3)) {
              case 0 -> TextNode.valueOf(FuzzText.special(random));
              case 1 -> FuzzText.wrongType(random);
              default -> FuzzText.oddNumber(random);
            };
        return putRaw(fields, body, first, key, value);
      }
      case 15 -> {
        String key = FuzzText.pick(random, List.of("session_id", "msg_id", "file_id"));
        String value =
            switch (random.nextInt(4)) {
              case 0 -> pools.groups().isEmpty() ? oddId() : FuzzText.pick(random, pools.groups());
              case 1 -> pools.msgIds().isEmpty() ? oddId() : FuzzText.pick(random, pools.msgIds());
              case 2 ->
                  random.nextBoolean() ? pools.file() : FuzzText.uuid(random).replace("-", "");
              default -> oddId();
            };
        first.put(key, value);
        return "body[0]." + key + " := " + show(TextNode.valueOf(value));
      }
      case 17 -> {
        switch (random.nextInt(5)) {
          case 0 -> {
            int n = 1 + random.nextInt(random.nextBoolean() ? 5 : 1500);
            for (int i = 0; i < n; i++) {
              body.add(first.deepCopy());
            }
            return "body repeats its element " + n + " more times";
          }
          case 1 -> {
            body.insert(random.nextInt(body.size() + 1), FuzzText.NODES.objectNode());
            return "body gets an empty object";
          }
          case 2 -> {
            body.add(
                random.nextBoolean() ? TextNode.valueOf("text") : FuzzText.NODES.numberNode(7));
            return "body gets an element that is not an object";
          }
          case 3 -> {
            body.insert(0, FuzzText.NODES.arrayNode().add(first.deepCopy()));
            return "body's first element is an array";
          }
          default -> {
            first.set(anyKey(first), first.deepCopy());
            return "body[0] holds a copy of itself";
          }
        }
      }
      case 18 -> {
        String text =
            switch (random.nextInt(4)) {
              case 0 -> FuzzText.oversize(random);
              case 1 -> "x".repeat(60_000);
              case 2 -> "😀".repeat(15_000);
              default -> "x".repeat(random.nextInt(5000));
            };
        first.put(random.nextBoolean() ? "text" : anyKey(first), text);
        return "body[0] gets a text of " + text.length() + " chars";
      }
      default -> {
        Object value =
            random.nextBoolean()
                ? FuzzText.oddNumber(random)
                : TextNode.valueOf(FuzzText.pick(random, FuzzText.ODD_NUMBER_TEXTS));
        return putRaw(fields, body, first, "status", value);
      }
    }
  }

  /** Sets body[0].key; a {@link Raw} value means the body must be written by hand. */
  private String putRaw(
      List<Field> fields, ArrayNode body, ObjectNode first, String key, Object value) {
    if (value instanceof JsonNode node) {
      first.set(key, node);
      return "body[0]." + key + " := " + show(value);
    }
    // write the body by hand so a bare token survives
    ObjectNode copy = first.deepCopy();
    copy.remove(key);
    List<Field> elementFields = FuzzText.fields(copy);
    elementFields.add(new Field(key, value));
    StringBuilder array = new StringBuilder("[").append(FuzzText.object(elementFields));
    for (int i = 1; i < body.size(); i++) {
      array.append(',').append(body.get(i).toString());
    }
    set(fields, "body", new Raw(array.append(']').toString()));
    return "body[0]." + key + " := " + show(value);
  }

  private Object oddBody() {
    return switch (random.nextInt(12)) {
      case 0 -> TextNode.valueOf("[{\"text\":\"body as JSON text\"}]");
      case 1 -> TextNode.valueOf("[{'text':'lenient text',}]");
      case 2 -> TextNode.valueOf("not json");
      case 3 -> TextNode.valueOf("");
      case 4 -> FuzzText.NODES.arrayNode();
      case 5 -> FuzzText.NODES.objectNode().put("text", "an object");
      case 6 -> FuzzText.NODES.arrayNode().add(1).add(2);
      case 7 -> FuzzText.NODES.arrayNode().add(FuzzText.NODES.objectNode());
      case 8 ->
          new Raw(FuzzText.nesting(FuzzText.pick(random, List.of(31, 32, 33, 100, 5000)), true));
      case 9 ->
          new Raw("[" + FuzzText.nesting(FuzzText.pick(random, List.of(30, 31, 40)), false) + "]");
      case 10 -> TextNode.valueOf(FuzzText.nesting(50, true));
      default -> FuzzText.wrongType(random);
    };
  }

  // ---- textual mutations: on the written JSON

  private String[] textual(String text) {
    int op = random.nextInt(10);
    switch (op) {
      case 0 -> {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        return new String[] {text.substring(0, at), "truncate at " + at};
      }
      case 1 -> {
        if (text.isEmpty()) {
          return new String[] {text, "nothing to delete"};
        }
        int at = random.nextInt(text.length());
        return new String[] {text.substring(0, at) + text.substring(at + 1), "delete char " + at};
      }
      case 2 -> {
        String c =
            FuzzText.pick(
                random,
                List.of(
                    "\"",
                    "{",
                    "}",
                    "[",
                    "]",
                    ",",
                    ":",
                    "\\",
                    "\u0000",
                    "x",
                    " ",
                    "'",
                    "\u00e9",
                    "\ud83d\ude00"));
        int at = random.nextInt(text.length() + 1);
        return new String[] {
          text.substring(0, at) + c + text.substring(at),
          "insert " + FuzzText.printable(c, 5) + " at " + at
        };
      }
      case 3 -> {
        String lenient = text.replaceAll("\"([a-z_]+)\":", "$1:");
        if (random.nextBoolean() && !lenient.contains("'")) {
          lenient = lenient.replace('"', '\'');
        }
        return new String[] {
          lenient, "lenient: bare keys" + (lenient.contains("'") ? ", single quotes" : "")
        };
      }
      case 4 -> {
        int end = text.lastIndexOf('}');
        return end < 0
            ? new String[] {text + ",", "trailing comma"}
            : new String[] {text.substring(0, end) + "," + text.substring(end), "trailing comma"};
      }
      case 5 -> {
        String prefix =
            FuzzText.pick(
                random,
                List.of("\ufeff", "   \n\t", "// comment\n", "/* c */", "\u00a0", ")]}'\n"));
        return new String[] {prefix + text, "prefix " + FuzzText.printable(prefix, 20)};
      }
      case 6 -> {
        String suffix = FuzzText.pick(random, List.of("x", "}", ",{}", text, "\n\n", "]", "null"));
        return new String[] {text + suffix, "suffix " + FuzzText.printable(suffix, 20)};
      }
      case 7 -> {
        String whole =
            switch (random.nextInt(12)) {
              case 0 -> "";
              case 1 -> "   ";
              case 2 -> "null";
              case 3 -> "[]";
              case 4 -> "{}";
              case 5 -> "true";
              case 6 -> "1";
              case 7 -> "\"a string\"";
              case 8 -> randomPrintable(1 + random.nextInt(40));
              case 9 -> FuzzText.nesting(random.nextBoolean() ? 5000 : 40, random.nextBoolean());
              case 10 -> "[" + text + "]";
              default -> "{";
            };
        return new String[] {whole, "replace all by " + FuzzText.printable(whole, 40)};
      }
      case 8 -> {
        String key = FuzzText.pick(random, List.of("msg_id", "msg_from", "msg_type", "body"));
        String value =
            key.equals("body")
                ? "[]"
                : TextNode.valueOf(
                        random.nextBoolean() ? FuzzText.uuid(random) : FuzzText.special(random))
                    .toString();
        int open = text.indexOf('{');
        if (open < 0) {
          return new String[] {text, "no object to add a key to"};
        }
        return new String[] {
          text.substring(0, open + 1) + "\"" + key + "\":" + value + "," + text.substring(open + 1),
          "repeat " + key + " first as " + FuzzText.printable(value, 40)
        };
      }
      default -> {
        return new String[] {text.replace(",", ",\r\n\t").replace(":", " : "), "spread over lines"};
      }
    }
  }

  private String randomPrintable(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) (0x21 + random.nextInt(0x5e)));
    }
    return s.toString();
  }

  // ---- value pools

  private String oddId() {
    return switch (random.nextInt(14)) {
      case 0 -> "a:b:" + FuzzText.uuid(random).substring(0, 8);
      case 1 -> "a/b/" + FuzzText.uuid(random).substring(0, 8);
      case 2 -> "%2F%00%" + FuzzText.uuid(random).substring(0, 6);
      case 3 -> "x".repeat(64);
      case 4 -> "y".repeat(65);
      case 5 -> "z".repeat(1000);
      case 6 -> "é".repeat(64);
      case 7 -> "😀".repeat(32); // 64 chars, 128 bytes
      case 8 -> " " + FuzzText.uuid(random) + " ";
      case 9 -> "id\u0000" + FuzzText.uuid(random).substring(0, 8);
      case 10 -> "id\uffff" + FuzzText.uuid(random).substring(0, 8);
      case 11 -> "p:" + pools.me() + ":" + FuzzText.pick(random, pools.users());
      case 12 -> "";
      default -> FuzzText.special(random);
    };
  }

  private String spoofed() {
    String me = pools.me();
    return switch (random.nextInt(10)) {
      case 0 -> FuzzText.pick(random, pools.users());
      case 1 -> "system";
      case 2 -> "";
      case 3 -> " " + me;
      case 4 -> me.toUpperCase();
      case 5 -> me + "@" + TestEnvironment.DOMAIN;
      case 6 -> me + "/mobile";
      case 7 -> me + "\u0000";
      case 8 -> me + "\u200b";
      default -> oddId();
    };
  }

  private String recipient() {
    return switch (random.nextInt(9)) {
      case 0 -> pools.me();
      case 1 -> FuzzText.pick(random, pools.users());
      case 2 -> "nobody-" + FuzzText.uuid(random).substring(0, 8);
      case 3 -> "system";
      case 4 -> pools.groups().isEmpty() ? "" : FuzzText.pick(random, pools.groups());
      case 5 -> FuzzText.pick(random, pools.users()) + "@" + TestEnvironment.DOMAIN;
      case 6 -> "";
      case 7 -> FuzzText.pick(random, pools.users()).toUpperCase();
      default -> oddId();
    };
  }

  private Object oddValueFor(String key) {
    return switch (key) {
      case "msg_id", "msg_from", "msg_to" -> TextNode.valueOf(oddId());
      case "msg_type" -> TextNode.valueOf(FuzzText.pick(random, TYPES));
      case "msg_time" -> FuzzText.oddNumber(random);
      case "body" -> oddBody();
      default -> TextNode.valueOf(FuzzText.special(random));
    };
  }

  private String anyKey(ObjectNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    keys.add("text");
    return FuzzText.pick(random, keys);
  }

  private static Object valueOf(List<Field> fields, String key) {
    Object found = null;
    for (Field f : fields) {
      if (f.key.equals(key)) {
        found = f.value; // the last one wins, as in the server's reader
      }
    }
    return found;
  }

  private static void set(List<Field> fields, String key, Object value) {
    for (int i = fields.size() - 1; i >= 0; i--) {
      if (fields.get(i).key.equals(key)) {
        fields.get(i).value = value;
        return;
      }
    }
    fields.add(new Field(key, value));
  }

  private static String show(Object value) {
    return FuzzText.printable(FuzzText.json(value), 60);
  }
}
