package im.tlim.web.api.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PostAsGetTest {

  private final PostAsGet filter = new PostAsGet();

  @Test
  void aPostsFormBodyBecomesTheGetsParams() throws Exception {
    Request post = new Request("POST", () -> form(null), "user_id=bob", StandardCharsets.UTF_8);
    filter.filter(post.context());

    assertEquals("GET", post.method);
    Params params = (Params) post.properties.get(PostAsGet.POSTED);
    assertEquals("bob", params.text("user_id", ErrorCode.USER_ID_EMPTY, 64));
  }

  @Test
  void theBodyIsReadInTheCharsetItsContentTypeNames() throws Exception {
    Charset latin1 = StandardCharsets.ISO_8859_1;
    // "é" as one byte: read as UTF-8 it would be a replacement character
    Request post = new Request("POST", () -> json("ISO-8859-1"), "{\"name\":\"é\"}", latin1);
    filter.filter(post.context());

    Params params = (Params) post.properties.get(PostAsGet.POSTED);
    assertEquals("é", params.text("name", ErrorCode.PARAMETER_INVALID, 64));
  }

  @Test
  void anUnknownCharsetIsRefusedAsAnInvalidParameter() {
    Request post =
        new Request("POST", () -> json("x-no-such-charset"), "{}", StandardCharsets.UTF_8);

    TlimException e = assertThrows(TlimException.class, () -> filter.filter(post.context()));
    assertEquals(ErrorCode.PARAMETER_INVALID, e.code());
    assertEquals("POST", post.method, "not routed on");
    assertNull(post.properties.get(PostAsGet.POSTED));
  }

  @Test
  void aContentTypeTheContainerCannotParseIsRefusedAsAnInvalidParameter() {
    Request post =
        new Request(
            "POST",
            () -> {
              throw new IllegalArgumentException("Failure parsing MediaType string: ;;");
            },
            "{}",
            StandardCharsets.UTF_8);

    TlimException e = assertThrows(TlimException.class, () -> filter.filter(post.context()));
    assertEquals(ErrorCode.PARAMETER_INVALID, e.code());
    assertEquals("POST", post.method);
  }

  @Test
  void aGetIsLeftAlone() throws Exception {
    Request get =
        new Request(
            "GET",
            () -> {
              throw new AssertionError("a GET's Content-Type is not read");
            },
            "",
            StandardCharsets.UTF_8);
    filter.filter(get.context());

    assertEquals("GET", get.method);
    assertNull(get.properties.get(PostAsGet.POSTED));
  }

  private static MediaType form(String charset) {
    return new MediaType("application", "x-www-form-urlencoded", charsetOf(charset));
  }

  private static MediaType json(String charset) {
    return new MediaType("application", "json", charsetOf(charset));
  }

  private static Map<String, String> charsetOf(String charset) {
    return charset == null ? Map.of() : Map.of(MediaType.CHARSET_PARAMETER, charset);
  }

  /** A request as the filter sees it: method, Content-Type, body, properties, no query string. */
  private static final class Request {
    String method;
    final Supplier<MediaType> mediaType;
    final byte[] body;
    final Map<String, Object> properties = new HashMap<>();

    Request(String method, Supplier<MediaType> mediaType, String body, Charset encoding) {
      this.method = method;
      this.mediaType = mediaType;
      this.body = body.getBytes(encoding);
    }

    ContainerRequestContext context() {
      UriInfo uri =
          (UriInfo)
              Proxy.newProxyInstance(
                  UriInfo.class.getClassLoader(),
                  new Class<?>[] {UriInfo.class},
                  (proxy, m, args) -> {
                    if (m.getName().equals("getQueryParameters")) {
                      return new MultivaluedHashMap<String, String>();
                    }
                    throw new UnsupportedOperationException(m.getName());
                  });
      return (ContainerRequestContext)
          Proxy.newProxyInstance(
              ContainerRequestContext.class.getClassLoader(),
              new Class<?>[] {ContainerRequestContext.class},
              (proxy, m, args) ->
                  switch (m.getName()) {
                    case "getMethod" -> method;
                    case "setMethod" -> {
                      method = (String) args[0];
                      yield null;
                    }
                    case "getMediaType" -> mediaType.get();
                    case "getEntityStream" -> new ByteArrayInputStream(body);
                    case "getUriInfo" -> uri;
                    case "setProperty" -> properties.put((String) args[0], args[1]);
                    case "getProperty" -> properties.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(m.getName());
                  });
    }
  }
}
