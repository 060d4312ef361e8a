package im.tlim.web.api.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParamsTest {

  private static final MediaType FORM = MediaType.APPLICATION_FORM_URLENCODED_TYPE;
  private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;

  @Test
  void aGetReadsTheQueryStringsFirstValues() {
    Params params = RequestParams.query(uri("user_id", "alice", "user_id", "bob", "page", "2"));
    assertEquals("alice", params.text("user_id", ErrorCode.USER_ID_EMPTY, 64));
    assertEquals(2, params.integer("page", 1, 1, 10));
  }

  @Test
  void formFieldsAreDecodedAndOverrideTheQueryString() {
    Params params =
        RequestParams.form(uri("user_id", "alice"), FORM, "user_id=%E5%BC%A0+san&flag&&x=1");
    assertEquals("张 san", params.text("user_id", ErrorCode.USER_ID_EMPTY, 64));
    assertEquals("", params.optionalText("flag", 10));
    assertEquals(1, params.integer("x", 0, 0, 9));
  }

  @Test
  void aJsonBodyKeepsItsTypes() {
    Params params =
        RequestParams.form(uri(), JSON, "{\"page\": 3, \"subscribers\": [{\"user_id\": \"bob\"}]}");
    assertEquals(3, params.integer("page", 1, 1, 10));
    assertEquals(List.of("bob"), params.userIds("subscribers"));
  }

  @Test
  void anEmptyBodyLeavesTheQueryString() {
    Params params = RequestParams.form(uri("page", "4"), JSON, "  ");
    assertEquals(4, params.integer("page", 1, 1, 10));
    assertNull(params.optionalText("user_id", 64));
  }

  @Test
  void unreadableBodiesAreRefusedWithTheirCodes() {
    assertEquals(ErrorCode.JSON_INVALID, code(() -> RequestParams.form(uri(), JSON, "{nope")));
    assertEquals(ErrorCode.JSON_INVALID, code(() -> RequestParams.form(uri(), JSON, "[1, 2]")));
    assertEquals(ErrorCode.PARAMETER_INVALID, code(() -> RequestParams.form(uri(), FORM, "a=%zz")));
  }

  private static ErrorCode code(Runnable call) {
    return assertThrows(TlimException.class, call::run).code();
  }

  /** A UriInfo that knows only its query string, as name, value, name, value … */
  private static UriInfo uri(String... query) {
    MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
    for (int i = 0; i < query.length; i += 2) {
      parameters.add(query[i], query[i + 1]);
    }
    return (UriInfo)
        Proxy.newProxyInstance(
            UriInfo.class.getClassLoader(),
            new Class<?>[] {UriInfo.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getQueryParameters")) {
                return parameters;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
