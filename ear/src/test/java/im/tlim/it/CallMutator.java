package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import im.tlim.it.FuzzText.Field;
import im.tlim.it.FuzzText.Raw;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid call of an operation into a mutated HTTP request: parameter names and values, the
 * method, the content type, the body's bytes, the bearer token, headers and the path. Every choice
 * comes from the given {@link Random}.
 */
final class CallMutator {

  /** How the parameters travel. */
  enum Encoding {
    QUERY,
    FORM,
    JSON
  }

  /** What the call's Authorization header holds. */
  enum TokenKind {
    VALID,
    OTHER_USER,
    NO_ROLE,
    INVALID,
    NONE
  }

  /** What the mutator may put into parameters: the run's users, groups and messages. */
  record Pools(
      List<String> users,
      List<String> groups,
      List<String> msgIds,
      List<String> pubacts,
      /* every parameter name of the API */
      List<String> paramNames) {}

  /** One request, exactly as it is sent. */
  record Call(
      String operation,
      String method,
      String path,
      String query,
      List<String[]> headers,
      byte[] body,
      boolean chunked,
      TokenKind token,
      boolean preflight,
      List<String> mutations) {

    /** The request as text: request line, headers, body (non-UTF-8 bytes as %XX). */
    String render(int maxBody) {
      StringBuilder out = new StringBuilder();
      out.append(method)
          .append(' ')
          .append(path)
          .append(query.isEmpty() ? "" : "?" + query)
          .append('\n');
      for (String[] h : headers) {
        out.append(h[0]).append(": ").append(h[1]).append('\n');
      }
      if (chunked) {
        out.append("(Transfer-Encoding: chunked)\n");
      }
      if (body != null) {
        out.append('\n').append(FuzzText.printable(body, maxBody)).append('\n');
      }
      return out.toString();
    }
  }

  private static final List<String> METHODS =
      List.of("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FUZZ");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "multipart/form-data",
          "multipart/form-data; boundary=xyz",
          "application/json; charset=ISO-8859-1",
          "application/json; charset=bogus-charset",
          "application/x-www-form-urlencoded; charset=UTF-16",
          "*/*",
          "application/*",
          "x",
          ";;;",
          "application/json+fuzz",
          "application/octet-stream",
          "APPLICATION/JSON",
          "application/json;;charset=",
          "text/html; charset=utf-8");
  private static final List<String> LIST_PARAMS = List.of("subscribers", "users", "params");

  private final Random random;
  private final Pools pools;

  CallMutator(Random random, Pools pools) {
    this.random = random;
    this.pools = pools;
  }

  /** The seed's call in the given encoding, unchanged. */
  Call plain(String operation, ObjectNode params, String token, Encoding encoding) {
    return build(
        operation,
        FuzzText.fields(params),
        encoding,
        encoding == Encoding.QUERY ? "GET" : "POST",
        token,
        TokenKind.VALID,
        new ArrayList<>(),
        List.of());
  }

  /** One to three mutations of the seed's call. */
  Call mutate(String operation, ObjectNode params, String token, String otherUserToken) {
    List<Field> fields = FuzzText.fields(params.deepCopy());
    Encoding encoding =
        switch (random.nextInt(10)) {
          case 0, 1, 2, 3 -> Encoding.QUERY;
          case 4, 5, 6 -> Encoding.FORM;
          default -> Encoding.JSON;
        };
    String method = encoding == Encoding.QUERY ? "GET" : "POST";
    TokenKind kind = TokenKind.VALID;
    List<String> log = new ArrayList<>();
    List<String[]> headers = new ArrayList<>();
    List<String> later = new ArrayList<>(); // operations on the written request
    String contentType = null;
    boolean contentTypeSet = false;
    int count = 1 + (random.nextDouble() < 0.45 ? 1 : 0) + (random.nextDouble() < 0.15 ? 1 : 0);
    for (int i = 0; i < count; i++) {
      int kindOfChange = random.nextInt(100);
      if (kindOfChange < 50) {
        log.add(param(fields, encoding));
      } else if (kindOfChange < 58) {
        method =
            random.nextInt(3) == 0
                ? (method.equals("GET") ? "POST" : "GET")
                : FuzzText.pick(random, METHODS);
        log.add("method " + method);
      } else if (kindOfChange < 68) {
        contentTypeSet = true;
        contentType =
            switch (random.nextInt(4)) {
              case 0 -> null;
              case 1 ->
                  encoding == Encoding.JSON
                      ? "application/x-www-form-urlencoded"
                      : "application/json";
              default -> FuzzText.pick(random, CONTENT_TYPES);
            };
        if (encoding == Encoding.QUERY && random.nextBoolean()) {
          encoding = random.nextBoolean() ? Encoding.FORM : Encoding.JSON;
          method = "POST";
        }
        log.add(
            "content type "
                + (contentType == null ? "(none)" : contentType)
                + " for a "
                + encoding
                + " body");
      } else if (kindOfChange < 78) {
        if (encoding == Encoding.QUERY) {
          encoding = random.nextBoolean() ? Encoding.FORM : Encoding.JSON;
          method = "POST";
        }
        later.add("body");
      } else if (kindOfChange < 90) {
        String[] t = token(token, otherUserToken);
        kind = TokenKind.valueOf(t[0]);
        token = t[1];
        log.add("token " + t[2]);
      } else if (kindOfChange < 95) {
        String[] h = header();
        headers.add(h);
        log.add("header " + h[0] + ": " + FuzzText.printable(h[1], 40));
      } else {
        later.add("path");
      }
    }
    if (!contentTypeSet) {
      contentType =
          switch (encoding) {
            case QUERY -> null;
            case FORM -> "application/x-www-form-urlencoded";
            case JSON -> "application/json";
          };
    }
    Call call = build(operation, fields, encoding, method, token, kind, headers, log);
    byte[] body = call.body();
    String path = call.path();
    String query = call.query();
    boolean chunked = false;
    boolean preflight = false;
    for (String op : later) {
      if (op.equals("body")) {
        Object[] r = body(body, encoding);
        body = (byte[]) r[0];
        chunked |= (Boolean) r[1];
        log.add((String) r[2]);
      } else {
        String[] p = path(operation, path, query);
        path = p[0];
        query = p[1];
        log.add(p[2]);
      }
    }
    List<String[]> allHeaders = new ArrayList<>();
    if (token != null) {
      allHeaders.add(new String[] {"Authorization", token});
    }
    if (contentType != null && body != null) {
      allHeaders.add(new String[] {"Content-Type", contentType});
    }
    for (String[] h : headers) {
      if (h[0].equals("Access-Control-Request-Method")) {
        preflight = true;
      }
      allHeaders.add(h);
    }
    if (method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")) {
      body = method.equals("OPTIONS") ? body : null;
    }
    return new Call(
        operation,
        method,
        path,
        query,
        allHeaders,
        body,
        chunked && body != null,
        kind,
        preflight,
        log);
  }

  private Call build(
      String operation,
      List<Field> fields,
      Encoding encoding,
      String method,
      String token,
      TokenKind kind,
      List<String[]> headers,
      List<String> log) {
    String query = "";
    byte[] body = null;
    switch (encoding) {
      case QUERY -> query = form(fields);
      case FORM -> body = form(fields).getBytes(StandardCharsets.US_ASCII);
      case JSON -> body = FuzzText.object(fields).getBytes(StandardCharsets.UTF_8);
    }
    List<String[]> all = new ArrayList<>();
    if (token != null) {
      all.add(new String[] {"Authorization", token});
    }
    if (encoding != Encoding.QUERY) {
      all.add(
          new String[] {
            "Content-Type",
            encoding == Encoding.FORM ? "application/x-www-form-urlencoded" : "application/json"
          });
    }
    all.addAll(headers);
    return new Call(
        operation, method, "/plugins/tlim/" + operation, query, all, body, false, kind, false, log);
  }

  // ---- parameters

  private String param(List<Field> fields, Encoding encoding) {
    int op = random.nextInt(12);
    Field target = fields.isEmpty() ? null : fields.get(random.nextInt(fields.size()));
    switch (op) {
      case 0 -> {
        if (target == null) {
          return "no parameter to drop";
        }
        fields.remove(target);
        return "drop " + target.key;
      }
      case 1 -> {
        fields.clear();
        return "drop every parameter";
      }
      case 2 -> {
        if (target == null) {
          return "no parameter to rename";
        }
        String old = target.key;
        target.key =
            switch (random.nextInt(6)) {
              case 0 -> old.toUpperCase();
              case 1 -> old + "x";
              case 2 -> " " + old;
              case 3 -> old.replace('_', '-');
              case 4 -> old + "\u0000";
              default -> old.isEmpty() ? "x" : old.substring(0, Math.max(1, old.length() - 1));
            };
        return "rename " + old + " to " + FuzzText.printable(target.key, 40);
      }
      case 3 -> {
        if (target == null) {
          return "no parameter to repeat";
        }
        Object value =
            random.nextBoolean() ? TextNode.valueOf(FuzzText.special(random)) : poolValue();
        fields.add(random.nextBoolean() ? 0 : fields.size(), new Field(target.key, value));
        return "repeat " + target.key + " as " + show(value);
      }
      case 4 -> {
        String name = FuzzText.pick(random, pools.paramNames());
        Object value = poolValue();
        fields.add(new Field(name, value));
        return "add " + name + "=" + show(value);
      }
      case 5 -> {
        String name =
            FuzzText.pick(
                random,
                List.of(
                    "x",
                    "",
                    "=",
                    "&",
                    "%",
                    "param\u0000",
                    "名字",
                    "a[b]",
                    "__proto__",
                    "x".repeat(300)));
        Object value = TextNode.valueOf(FuzzText.special(random));
        fields.add(new Field(name, value));
        return "add unknown " + FuzzText.printable(name, 30) + "=" + show(value);
      }
      case 6, 7 -> {
        if (target == null) {
          return "no parameter to change";
        }
        target.value =
            TextNode.valueOf(
                random.nextInt(30) == 0 ? FuzzText.oversize(random) : FuzzText.special(random));
        return target.key + " := " + show(target.value);
      }
      case 8 -> {
        if (target == null) {
          return "no parameter to change";
        }
        target.value =
            encoding == Encoding.JSON && random.nextBoolean()
                ? FuzzText.oddNumber(random)
                : TextNode.valueOf(FuzzText.pick(random, FuzzText.ODD_NUMBER_TEXTS));
        return target.key + " := " + show(target.value);
      }
      case 9 -> {
        if (target == null) {
          return "no parameter to change";
        }
        target.value = poolValue();
        return target.key + " := " + show(target.value);
      }
      case 10 -> {
        if (target == null) {
          return "no parameter to change";
        }
        Object value = FuzzText.wrongType(random);
        // in a query or a form a JSON value travels as its text
        target.value = encoding == Encoding.JSON ? value : TextNode.valueOf(FuzzText.json(value));
        return target.key + " := " + show(target.value);
      }
      default -> {
        String name = FuzzText.pick(random, LIST_PARAMS);
        Object value = oddList();
        Field existing = fields.stream().filter(f -> f.key.equals(name)).findFirst().orElse(null);
        Object sent =
            encoding == Encoding.JSON && random.nextBoolean()
                ? value
                : TextNode.valueOf(FuzzText.json(value));
        if (existing == null) {
          fields.add(new Field(name, sent));
        } else {
          existing.value = sent;
        }
        return name + " := " + show(sent);
      }
    }
  }

  private Object oddList() {
    String user = FuzzText.pick(random, pools.users());
    return switch (random.nextInt(14)) {
      case 0 -> new Raw("[");
      case 1 -> FuzzText.NODES.objectNode();
      case 2 -> FuzzText.NODES.arrayNode().add(1).add(2);
      case 3 -> new Raw("[{\"user_id\":null}]");
      case 4 -> new Raw("[{user_id:'" + user + "',type:'del'},]");
      case 5 -> {
        var a = FuzzText.NODES.arrayNode();
        int n = random.nextBoolean() ? 1000 : 50;
        for (int i = 0; i < n; i++) {
          a.addObject().put("user_id", "u" + i);
        }
        yield a;
      }
      case 6 -> new Raw(FuzzText.nesting(random.nextBoolean() ? 33 : 3000, true));
      case 7 -> FuzzText.NODES.arrayNode().add(user).add(user);
      case 8 -> FuzzText.NODES.arrayNode().addObject().put("user_id", user).put("type", "remove");
      case 9 -> FuzzText.NODES.arrayNode().addObject().put("user_id", "x".repeat(65));
      case 10 -> FuzzText.NODES.arrayNode().addObject().put("user_id", "a\u0000b");
      case 11 ->
          FuzzText.NODES
              .arrayNode()
              .add(FuzzText.NODES.objectNode().put("userId", user).put("msg_to", user));
      case 12 -> new Raw("[{\"bizId\":NaN}]");
      default -> FuzzText.NODES.arrayNode();
    };
  }

  private Object poolValue() {
    List<String> pool =
        switch (random.nextInt(4)) {
          case 0 -> pools.users();
          case 1 -> pools.groups();
          case 2 -> pools.msgIds();
          default -> pools.pubacts();
        };
    if (pool.isEmpty()) {
      return TextNode.valueOf(FuzzText.special(random));
    }
    String v = FuzzText.pick(random, pool);
    return TextNode.valueOf(
        random.nextInt(5) == 0 ? "p:" + v + ":" + FuzzText.pick(random, pools.users()) : v);
  }

  private static String form(List<Field> fields) {
    StringBuilder out = new StringBuilder();
    for (Field f : fields) {
      if (out.length() > 0) {
        out.append('&');
      }
      String value = f.value instanceof TextNode t ? t.asText() : FuzzText.json(f.value);
      out.append(enc(f.key)).append('=').append(enc(value));
    }
    return out.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  // ---- the body's bytes

  private Object[] body(byte[] body, Encoding encoding) {
    byte[] b = body == null ? new byte[0] : body;
    switch (random.nextInt(10)) {
      case 0 -> {
        int at = b.length == 0 ? 0 : random.nextInt(b.length);
        return new Object[] {java.util.Arrays.copyOf(b, at), false, "body truncated at " + at};
      }
      case 1 -> {
        byte[] bad =
            FuzzText.pick(
                random,
                List.of(
                    new byte[] {(byte) 0xff},
                    new byte[] {(byte) 0xc3, 0x28},
                    new byte[] {(byte) 0xc0, (byte) 0xaf},
                    new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xe2, (byte) 0x82}));
        int at = insideAValue(b);
        return new Object[] {insert(b, at, bad), false, "invalid UTF-8 at " + at};
      }
      case 2 -> {
        return new Object[] {
          insert(b, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}),
          false,
          "a byte order mark first"
        };
      }
      case 3 -> {
        String whole =
            FuzzText.pick(
                random,
                List.of(
                    "[]",
                    "null",
                    "\"text\"",
                    "1",
                    "true",
                    "[{}]",
                    "{",
                    "}",
                    "",
                    " ",
                    "{{}}",
                    "&&&",
                    "=",
                    "a=%zz&b=%",
                    "%E4%B8",
                    "a=1&&&b"));
        return new Object[] {
          whole.getBytes(StandardCharsets.UTF_8), false, "body := " + FuzzText.printable(whole, 20)
        };
      }
      case 4 -> {
        String text = new String(b, StandardCharsets.UTF_8);
        String lenient = text.replaceAll("\"([a-zA-Z_]+)\":", "$1:").replace('"', '\'');
        return new Object[] {
          lenient.getBytes(StandardCharsets.UTF_8), false, "lenient JSON (bare keys, single quotes)"
        };
      }
      case 5 -> {
        return new Object[] {b, true, "sent chunked"};
      }
      case 6 -> {
        if (random.nextInt(4) != 0) {
          byte[] big = oversizeBody(encoding, 1_100_000);
          return new Object[] {big, random.nextBoolean(), "body of " + big.length + " bytes"};
        }
        byte[] big = oversizeBody(encoding, 10 * 1024 * 1024 + 1);
        boolean chunked = random.nextBoolean();
        return new Object[] {
          big,
          chunked,
          "body over 10 MiB (" + big.length + " bytes" + (chunked ? ", chunked)" : ")")
        };
      }
      case 7 -> {
        String deep =
            encoding == Encoding.JSON
                ? FuzzText.nesting(random.nextBoolean() ? 33 : 20_000, random.nextBoolean())
                : "x=" + "%5B".repeat(5000);
        return new Object[] {deep.getBytes(StandardCharsets.UTF_8), false, "deeply nested body"};
      }
      case 8 -> {
        byte[] zeros = new byte[1 + random.nextInt(64)];
        return new Object[] {
          insert(b, insideAValue(b), zeros), false, zeros.length + " NUL bytes in the body"
        };
      }
      default -> {
        return new Object[] {null, false, "no body"};
      }
    }
  }

  private static byte[] oversizeBody(Encoding encoding, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 32);
    byte[] head =
        (encoding == Encoding.FORM ? "pad=" : "{\"pad\":\"").getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(head);
    byte[] fill = new byte[size - head.length];
    java.util.Arrays.fill(fill, (byte) 'a');
    out.writeBytes(fill);
    if (encoding != Encoding.FORM) {
      out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  /** A position inside the first string value, or anywhere. */
  private int insideAValue(byte[] b) {
    for (int i = 0; i + 2 < b.length; i++) {
      if ((b[i] == ':' && b[i + 1] == '"') || b[i] == '=') {
        return i + (b[i] == '=' ? 1 : 2);
      }
    }
    return b.length == 0 ? 0 : random.nextInt(b.length);
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    byte[] out = new byte[b.length + what.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(b, at, out, at + what.length, b.length - at);
    return out;
  }

  // ---- token, headers, path

  private static final String ISSUER = TestEnvironment.JWT_ISSUER;
  private static final String AUDIENCE = TestEnvironment.JWT_AUDIENCE;
  private static final String OTHER_SECRET = "another-secret-of-at-least-thirty-two-bytes-xx";

  /** {INVALID, a bearer token with every part chosen, description}: one the server must refuse. */
  private static String[] forged(
      String description,
      String subject,
      String role,
      String issuer,
      String audience,
      Instant expiry,
      String secret) {
    return new String[] {
      "INVALID",
      TestEnvironment.bearer(
          TestEnvironment.token(subject, List.of(role), issuer, audience, expiry, secret)),
      description
    };
  }

  /** {@link #forged}: a service-role token of the tests' backend, valid for ten minutes. */
  private static String[] forgedService(
      String description, String issuer, String audience, String secret) {
    return forged(
        description,
        TestEnvironment.SERVICE_SUBJECT,
        "service",
        issuer,
        audience,
        Instant.now().plusSeconds(600),
        secret);
  }

  /** {kind, Authorization header value or null, description}. */
  private String[] token(String valid, String otherUser) {
    String good =
        valid != null && valid.startsWith("Bearer ") ? valid.substring("Bearer ".length()) : "";
    Instant past = Instant.now().minusSeconds(120);
    String secret = TestEnvironment.JWT_SECRET;
    return switch (random.nextInt(16)) {
      case 0 -> new String[] {"NONE", null, "none"};
      case 1 -> new String[] {"INVALID", "Bearer", "the word Bearer alone"};
      case 2 -> new String[] {"INVALID", "Bearer " + FuzzText.uuid(random), "garbage"};
      case 3 ->
          new String[] {
            "INVALID",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("alice:alicepw".getBytes(StandardCharsets.UTF_8)),
            "basic credentials"
          };
      case 4 -> forged("expired", "fuzz", "user", ISSUER, AUDIENCE, past, secret);
      case 5 -> forgedService("signed with another secret", ISSUER, AUDIENCE, OTHER_SECRET);
      case 6 -> forgedService("for another audience", ISSUER, "someone-else", secret);
      case 7 -> forgedService("from another issuer", "https://evil.test", AUDIENCE, secret);
      case 8 -> new String[] {"INVALID", "Bearer " + unsigned(), "alg none"};
      case 9 -> new String[] {"INVALID", "Bearer " + flip(good), "one character changed"};
      case 10 ->
          new String[] {
            "NO_ROLE",
            TestEnvironment.bearer(
                TestEnvironment.token(FuzzText.pick(random, pools.users()), List.of())),
            "without roles"
          };
      case 11 ->
          new String[] {
            "NO_ROLE",
            TestEnvironment.bearer(
                TestEnvironment.token(FuzzText.pick(random, pools.users()), List.of("admin"))),
            "with the role admin only"
          };
      case 12 -> new String[] {"OTHER_USER", otherUser, "another user's"};
      case 13 -> new String[] {"INVALID", "Bearer " + "A".repeat(20_000), "20000 characters"};
      case 14 -> new String[] {"VALID", "bearer   " + good, "lower-case scheme, spaces"};
      default -> new String[] {"INVALID", "Bearer " + good + " " + good, "two tokens"};
    };
  }

  private static String unsigned() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            ("{\"sub\":\""
                    + TestEnvironment.SERVICE_SUBJECT
                    + "\",\"groups\":[\"service\"],\"iss\":\""
                    + TestEnvironment.JWT_ISSUER
                    + "\",\"aud\":\""
                    + TestEnvironment.JWT_AUDIENCE
                    + "\",\"exp\":9999999999}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + ".";
  }

  private String flip(String token) {
    if (token.isEmpty()) {
      return "x";
    }
    char[] c = token.toCharArray();
    int at = random.nextInt(c.length);
    c[at] = c[at] == 'A' ? 'B' : 'A';
    return new String(c);
  }

  private String[] header() {
    return switch (random.nextInt(9)) {
      case 0 ->
          new String[] {
            "Accept",
            FuzzText.pick(
                random,
                List.of(
                    "text/html",
                    "application/xml",
                    "application/json;q=0",
                    "garbage",
                    "image/png, text/plain"))
          };
      case 1 -> new String[] {"Accept-Charset", "ISO-8859-1"};
      case 2 -> new String[] {"Content-Encoding", "gzip"};
      case 3 -> new String[] {"X-HTTP-Method-Override", "DELETE"};
      case 4 -> new String[] {"Origin", "https://evil.test"};
      case 5 -> new String[] {"Access-Control-Request-Method", "POST"};
      case 6 -> new String[] {"Accept-Encoding", "gzip, deflate, br"};
      case 7 -> new String[] {"Range", "bytes=0-1"};
      default -> new String[] {"X-Fuzz", "x".repeat(8000)};
    };
  }

  /** {path, query, description}. */
  private String[] path(String operation, String path, String query) {
    return switch (random.nextInt(8)) {
      case 0 -> new String[] {path + "/", query, "path with a trailing slash"};
      case 1 ->
          new String[] {
            "/plugins/tlim/" + operation.toUpperCase(), query, "operation in upper case"
          };
      case 2 -> new String[] {path + "x", query, "unknown operation"};
      case 3 -> new String[] {"/plugins/tlim//" + operation, query, "double slash"};
      case 4 -> new String[] {path + ";jsessionid=abc", query, "a path parameter"};
      case 5 -> new String[] {path + "%2F..", query, "encoded slash"};
      case 6 ->
          new String[] {
            path,
            query + (query.isEmpty() ? "" : "&") + "x=%FF%FE&y=%C3%28",
            "invalid UTF-8 in the query"
          };
      default ->
          new String[] {path, query.isEmpty() ? "&&&=" : query + "&" + query, "query repeated"};
    };
  }

  private static String show(Object value) {
    return FuzzText.printable(
        value instanceof JsonNode n && n.isTextual() ? n.asText() : FuzzText.json(value), 60);
  }
}
