package im.tlim.web.api.param;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ParamsTest {

  private static Params params(String json) throws Exception {
    JsonNode object = JsonMapper.builder().build().readTree(json);
    return Params.ofObject(object);
  }

  private static void assertParameterInvalid(Executable call) {
    TlimException e = assertThrows(TlimException.class, call);
    assertEquals(ErrorCode.PARAMETER_INVALID, e.code(), e.getMessage());
  }

  @Test
  void textHoldingANulIsRefusedBeforeItReachesTheDatabase() throws Exception {
    Params p = params("{\"user_id\": \"a\\u0000b\"}");

    assertParameterInvalid(() -> p.text("user_id", ErrorCode.USER_ID_EMPTY, 64));
    assertParameterInvalid(() -> p.optionalText("user_id", 64));
  }

  @Test
  void textHoldingAnUnpairedSurrogateIsRefused() throws Exception {
    assertParameterInvalid(
        () ->
            params("{\"session_id\": \"x\\udc00y\"}")
                .text("session_id", ErrorCode.SESSION_ID_EMPTY, 64));
    assertParameterInvalid(
        () -> params("{\"session_id\": \"\\ud800\"}").optionalText("session_id", 64));
  }

  @Test
  void ordinaryTextIncludingSurrogatePairsIsKept() throws Exception {
    assertEquals(
        "名字 \ud83d\ude00",
        params("{\"user_name\": \"名字 \\ud83d\\ude00\"}").optionalText("user_name", 128));
  }

  @Test
  void listedUserIdsAreCheckedToo() throws Exception {
    assertParameterInvalid(
        () -> params("{\"subscribers\": [{\"user_id\": \"a\\u0000\"}]}").userIds("subscribers"));
    assertParameterInvalid(
        () ->
            params("{\"subscribers\": [{\"user_id\": \"\\ud800\", \"type\": \"add\"}]}")
                .memberChanges("subscribers"));
    assertEquals(
        List.of("bob"), params("{\"subscribers\": \"[{user_id:'bob'}]\"}").userIds("subscribers"));
  }

  @Test
  void aNewUsersIdMustBeAnXmppLocalPart() {
    for (String bad :
        List.of(
            "../../etc/passwd",
            "a@b",
            "a:b",
            "a b",
            "a\tb",
            "a\u00a0b",
            "a\u0001",
            "<x>",
            "it's",
            "\"q\"",
            "a&b")) {
      assertParameterInvalid(() -> Params.userId("user_id", bad));
    }
    for (String good :
        List.of(
            "alice",
            "717a4913b0a9409191518967330419e5",
            "1d0e5d20-ef0c-4eb3",
            "burst-from-1.x_y",
            "名字",
            "\ud83d\ude00")) {
      assertEquals(good, Params.userId("user_id", good));
    }
  }
}
