package im.tlim.web.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.web.api.param.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterTest {

  private static Params params(String json) throws Exception {
    return Params.ofObject(JsonMapper.builder().build().readTree(json));
  }

  private static ErrorCode refusal(Parameter<?> parameter, String json) throws Exception {
    Params p = params(json);
    return assertThrows(TlimException.class, () -> parameter.in(p)).code();
  }

  @Test
  void requiredTextIsReadWithItsLimitAndItsCode() throws Exception {
    Parameter<String> id = Parameter.required("session_id", ErrorCode.SESSION_ID_EMPTY, 4);

    assertEquals("abcd", id.in(params("{\"session_id\": \"abcd\"}")));
    assertEquals(ErrorCode.SESSION_ID_EMPTY, refusal(id, "{}"));
    assertEquals(ErrorCode.SESSION_ID_EMPTY, refusal(id, "{\"session_id\": \" \"}"));
    assertEquals(ErrorCode.PARAMETER_INVALID, refusal(id, "{\"session_id\": \"abcde\"}"));
    assertTrue(id.required());
    assertEquals(Shape.text(4), id.shape());
  }

  @Test
  void optionalTextIsNullWhenAbsent() throws Exception {
    Parameter<String> name = Parameter.optional("session_name", 3);

    assertNull(name.in(params("{}")));
    assertEquals("abc", name.in(params("{\"session_name\": \"abc\"}")));
    assertEquals(ErrorCode.PARAMETER_INVALID, refusal(name, "{\"session_name\": \"abcd\"}"));
    assertFalse(name.required());
  }

  @Test
  void aNumberFallsBackAndIsDocumentedWithItsRange() throws Exception {
    Parameter<Integer> length = Parameter.integer("length", 20, 1, 1000);

    assertEquals(20, length.in(params("{}")));
    assertEquals(7, length.in(params("{\"length\": \"7\"}")));
    assertEquals(ErrorCode.PARAMETER_INVALID, refusal(length, "{\"length\": 1001}"));
    assertEquals(1L, length.shape().minimum());
    assertEquals(1000L, length.shape().maximum());
    assertEquals(20, length.shape().fallback());
  }

  @Test
  void aFallbackOutsideTheRangeIsNotDocumentedAsTheDefault() {
    Parameter<Integer> id = Parameter.integer("id_", -1, 1, Integer.MAX_VALUE);

    assertNull(id.shape().fallback());
    assertNull(id.shape().maximum(), "no upper limit");
  }

  @Test
  void aNumberOrAWord() throws Exception {
    Parameter<Integer> length =
        Parameter.integerOrWord("length", "max", Integer.MAX_VALUE, 20, 1, Integer.MAX_VALUE);

    assertEquals(Integer.MAX_VALUE, length.in(params("{\"length\": \"MAX\"}")));
    assertEquals(5, length.in(params("{\"length\": 5}")));
    assertEquals(20, length.in(params("{}")));
    assertEquals(Shape.words("max"), length.shape().alternative());
  }

  @Test
  void words() throws Exception {
    Parameter<Boolean> all = Parameter.word("all", "1", "true");

    assertTrue(all.in(params("{\"all\": \"true\"}")));
    assertTrue(all.in(params("{\"all\": \"1\"}")));
    assertFalse(all.in(params("{\"all\": \"0\"}")));
    assertFalse(all.in(params("{}")));
    assertEquals(List.of("1", "true"), all.shape().values());
  }

  @Test
  void listsAreJson() throws Exception {
    Parameter<List<String>> ids = Parameter.userIds("subscribers", "SubscriberRef");

    assertEquals(List.of("a", "b"), ids.in(params("{\"subscribers\": \"[{user_id:'a'}, 'b']\"}")));
    assertEquals(ErrorCode.PARAMETER_INVALID, refusal(ids, "{\"subscribers\": \"x\"}"));
    assertTrue(ids.shape().isJson());
    assertEquals("SubscriberRef", ids.shape().items());
    assertEquals(
        List.of(new Params.Change("a", false)),
        Parameter.memberChanges("subscribers", "SubscriberChange")
            .in(params("{\"subscribers\": [{\"user_id\": \"a\", \"type\": \"del\"}]}")));
    assertTrue(Parameter.jsonObject("params").in(params("{\"params\": \"{a: 1}\"}")).isObject());
  }

  @Test
  void aUserParameterHasTheUserIdLimit() throws Exception {
    Parameter<String> user = Parameter.user("user_id");

    assertNull(user.in(params("{}")));
    assertEquals(Parameter.USER_ID_LENGTH, user.shape().maxLength());
    assertTrue(user.documentedRequired(true).required());
  }

  @Test
  void theDocumentPartsDoNotChangeTheReading() throws Exception {
    Parameter<String> type =
        Parameter.required("session_type", ErrorCode.SESSION_TYPE_INVALID, 20)
            .documentedAs(Shape.integerOneOf(0, 1, 2))
            .describe("the type")
            .example(1);

    assertEquals("1", type.in(params("{\"session_type\": 1}")));
    assertEquals(ErrorCode.SESSION_TYPE_INVALID, refusal(type, "{}"));
    assertEquals("integer", type.shape().type());
    assertEquals("the type", type.description());
    assertEquals(1, type.example());
  }

  @Test
  void aJsonExampleKeepsItsOrder() {
    Object example =
        Parameter.jsonArray("users", "UserEntry")
            .exampleJson("[{\"user_id\": \"a\", \"user_name\": \"b\"}]")
            .example();

    assertEquals(List.of(Map.of("user_id", "a", "user_name", "b")), example);
    assertEquals(
        List.of("user_id", "user_name"),
        List.copyOf(((Map<?, ?>) ((List<?>) example).get(0)).keySet()));
    assertThrows(
        IllegalArgumentException.class, () -> Parameter.optional("x", 1).exampleJson("[oops"));
  }
}
