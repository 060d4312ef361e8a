package im.tlim.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvelopeCodecTest {

  private static final int MAX = 64 * 1024;

  /** A strict parser: accepts only standard JSON. */
  private static final ObjectMapper STRICT = JsonMapper.builder().build();

  private static final String VALID_TEXT =
      """
      {
        "compress": "0",
        "encode": "1",
        "encrypt": "0",
        "version": "2.0.0",
        "msg_from": "alice",
        "msg_to": "bob",
        "msg_id": "m-1",
        "msg_type": "MTT-000",
        "msg_time": "1700000000123",
        "body": [{"text": "hello"}]
      }
      """;

  /** A valid MTT-000 envelope with one field's JSON value replaced (or removed when null). */
  private static String envelopeWith(String field, String jsonValue) {
    List<String> fields = new ArrayList<>();
    addField(fields, "compress", "\"0\"", field, jsonValue);
    addField(fields, "encode", "\"1\"", field, jsonValue);
    addField(fields, "encrypt", "\"0\"", field, jsonValue);
    addField(fields, "version", "\"2.0.0\"", field, jsonValue);
    addField(fields, "msg_from", "\"alice\"", field, jsonValue);
    addField(fields, "msg_to", "\"bob\"", field, jsonValue);
    addField(fields, "msg_id", "\"m-1\"", field, jsonValue);
    addField(fields, "msg_type", "\"MTT-000\"", field, jsonValue);
    addField(fields, "msg_time", "\"1700000000123\"", field, jsonValue);
    addField(fields, "body", "[{\"text\": \"hello\"}]", field, jsonValue);
    return "{" + String.join(", ", fields) + "}";
  }

  private static void addField(
      List<String> fields, String name, String defaultValue, String replaced, String value) {
    if (!name.equals(replaced)) {
      fields.add("\"" + name + "\": " + defaultValue);
    } else if (value != null) {
      fields.add("\"" + name + "\": " + value);
    }
  }

  private static TlimException assertFails(ErrorCode expected, Executable call) {
    TlimException e = assertThrows(TlimException.class, call);
    assertEquals(expected, e.code(), () -> "unexpected code, message: " + e.getMessage());
    return e;
  }

  private static TlimException assertReadFails(ErrorCode expected, String text) {
    return assertFails(expected, () -> EnvelopeCodec.read(text, MAX));
  }

  // --- valid input ---------------------------------------------------------------------------

  @Test
  void strictValidTextEnvelopeParsesAllFields() {
    Envelope e = EnvelopeCodec.read(VALID_TEXT, MAX);

    assertEquals("0", e.compress());
    assertEquals("1", e.encode());
    assertEquals("0", e.encrypt());
    assertEquals("2.0.0", e.version());
    assertIsTheHelloFromAliceToBob(e);
  }

  @Test
  void lenientFormWithSingleQuotesUnquotedKeysAndTrailingCommasParses() {
    String lenient =
        """
        {
          compress: '0',
          encode: '1',
          encrypt: '0',
          version: '2.0.0',
          msg_from: 'alice',
          msg_to: 'bob',
          msg_id: 'm-1',
          msg_type: 'MTT-000',
          msg_time: '1700000000123',
          body: [{text: 'hello',},],
        }
        """;

    assertIsTheHelloFromAliceToBob(EnvelopeCodec.read(lenient, MAX));
  }

  /** The fields of {@link #VALID_TEXT} that its lenient form must give the same. */
  private static void assertIsTheHelloFromAliceToBob(Envelope e) {
    assertEquals("alice", e.msgFrom());
    assertEquals("bob", e.msgTo());
    assertEquals("m-1", e.msgId());
    assertEquals(MsgType.TEXT, e.msgType());
    assertEquals(1_700_000_000_123L, e.msgTime());
    assertEquals(1, e.body().size());
    assertEquals("hello", e.bodyText("text"));
  }

  @Test
  void bodyAsStringHoldingJsonArrayIsAccepted() {
    Envelope e = EnvelopeCodec.read(envelopeWith("body", "\"[{\\\"text\\\": \\\"hi\\\"}]\""), MAX);

    assertTrue(e.body().isArray());
    assertEquals("hi", e.bodyText("text"));
  }

  @Test
  void imageEnvelopeWithNumericFileIdIsAccepted() {
    Envelope e =
        EnvelopeCodec.read(
            envelopeWith("msg_type", "\"MTT-001\"")
                .replace("[{\"text\": \"hello\"}]", "[{\"file_id\": 42}]"),
            MAX);

    assertEquals(MsgType.IMAGE, e.msgType());
  }

  // --- JSON structure ------------------------------------------------------------------------

  @Test
  void malformedJsonIsJsonInvalid() {
    TlimException e = assertReadFails(ErrorCode.JSON_INVALID, "{\"msg_id\": \"m-1\", ");

    assertEquals("error-005", e.code().code());
  }

  @Test
  void rootThatIsNotAnObjectIsJsonInvalid() {
    assertReadFails(ErrorCode.JSON_INVALID, "[{\"msg_id\": \"m-1\"}]");
    assertReadFails(ErrorCode.JSON_INVALID, "\"just a string\"");
    assertReadFails(ErrorCode.JSON_INVALID, "42");
  }

  // --- one field refused ---------------------------------------------------------------------

  /**
   * A valid envelope with one field's JSON value replaced ("(missing)": removed) is refused with
   * this code, and the refusal names the envelope's msg_id.
   */
  @ParameterizedTest(name = "{0} = {1}: {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "(missing)",
      value = {
        "body     | {\"text\": \"hello\"}                  | BODY_NOT_ARRAY    | error-006",
        "body     | \"hello\"                              | BODY_NOT_ARRAY    | error-006",
        "body     | \"{\\\"text\\\": \\\"hi\\\"}\"             | BODY_NOT_ARRAY    | error-006",
        "body     | (missing)                            | BODY_INVALID      | error-000",
        "body     | []                                   | BODY_INVALID      | error-000",
        "body     | [\"hello\"]                            | BODY_INVALID      | error-000",
        "body     | [{\"text\": \"hello\"}, 1]               | BODY_INVALID      | error-000",
        "body     | [{\"other\": \"hello\"}]                 | BODY_INVALID      | error-000",
        "body     | [{\"text\": \"  \"}]                     | BODY_INVALID      | error-000",
        "msg_type | \"MTT-001\"                            | BODY_INVALID      | error-000",
        "msg_type | \"MTT-999\"                            | MSG_TYPE_INVALID  | error-001",
        "msg_type | (missing)                            | MSG_TYPE_INVALID  | error-001",
        "msg_from | 12345                                | FIELD_INVALID     | error-011",
        "msg_from | (missing)                            | FIELD_INVALID     | error-011",
        "msg_time | \"abc\"                                | FIELD_INVALID     | error-011",
        "compress | \"1\"                                  | CODEC_UNSUPPORTED | error-020"
      })
  void oneBadFieldIsRefusedWithItsCodeNamingTheMsgId(
      String field, String jsonValue, ErrorCode expected, String wireCode) {
    TlimException e = assertReadFails(expected, envelopeWith(field, jsonValue));

    assertEquals(wireCode, e.code().code());
    assertEquals("m-1", e.msgId());
  }

  // --- msg_id --------------------------------------------------------------------------------

  @Test
  void msgIdLongerThan64IsFieldInvalid() {
    String longId = "x".repeat(65);

    TlimException e =
        assertReadFails(ErrorCode.FIELD_INVALID, envelopeWith("msg_id", "\"" + longId + "\""));

    assertEquals(null, e.msgId(), "an unreadable msg_id is not named");
  }

  @Test
  void msgIdOfExactly64IsAccepted() {
    String id = "x".repeat(64);

    assertEquals(id, EnvelopeCodec.read(envelopeWith("msg_id", "\"" + id + "\""), MAX).msgId());
  }

  // --- size ----------------------------------------------------------------------------------

  @Test
  void asciiTextOverMaxBytesIsTooLarge() {
    String text = VALID_TEXT;

    TlimException e =
        assertFails(ErrorCode.TOO_LARGE, () -> EnvelopeCodec.read(text, text.length() - 1));

    assertEquals("error-018", e.code().code());
  }

  @Test
  void asciiTextOfExactlyMaxBytesIsAccepted() {
    assertNotNull(EnvelopeCodec.read(VALID_TEXT, VALID_TEXT.length()));
  }

  @Test
  void multiByteTextWithFewerCharsThanMaxBytesButMoreUtf8BytesIsTooLarge() {
    String chinese = "你好世界".repeat(25); // 100 chars, 300 UTF-8 bytes
    String text = envelopeWith("body", "[{\"text\": \"" + chinese + "\"}]");
    int chars = text.length();
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    int maxBytes = chars + 10;
    assertTrue(chars < maxBytes && bytes > maxBytes, "precondition: chars < max < bytes");

    assertFails(ErrorCode.TOO_LARGE, () -> EnvelopeCodec.read(text, maxBytes));
    assertEquals(
        chinese, EnvelopeCodec.read(text, bytes).bodyText("text"), "fits at its byte length");
  }

  // --- write ---------------------------------------------------------------------------------

  private static Envelope sample() {
    ArrayNode body = EnvelopeCodec.array();
    body.addObject().put("text", "hello 'quoted' \"double\" 你好");
    return Envelope.of("alice", "bob", "m-1", MsgType.TEXT, 1_700_000_000_123L, body);
  }

  @Test
  void writeProducesStrictJsonWithWireNamesInProtocolOrder() throws Exception {
    String json = EnvelopeCodec.write(sample());

    JsonNode root = STRICT.readTree(json);
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);
    assertEquals(
        "compress encode encrypt version msg_from msg_to msg_id msg_type msg_time body",
        String.join(" ", names));
  }

  @Test
  void writeEmitsMsgTimeAsStringAndBodyAsArray() throws Exception {
    JsonNode root = STRICT.readTree(EnvelopeCodec.write(sample()));

    assertTrue(root.get("msg_time").isTextual());
    assertEquals("1700000000123", root.get("msg_time").asText());
    assertTrue(root.get("body").isArray());
    assertEquals("MTT-000", root.get("msg_type").asText());
    assertEquals("0", root.get("compress").asText());
    assertEquals("1", root.get("encode").asText());
    assertEquals("0", root.get("encrypt").asText());
    assertEquals("2.0.0", root.get("version").asText());
    assertEquals("alice", root.get("msg_from").asText());
    assertEquals("bob", root.get("msg_to").asText());
    assertEquals("m-1", root.get("msg_id").asText());
  }

  @Test
  void readOfWriteRoundTrips() {
    Envelope original = sample();

    Envelope copy = EnvelopeCodec.read(EnvelopeCodec.write(original), MAX);

    assertEquals(original, copy);
  }

  @Test
  void readThenWriteRoundTripsTheLenientForm() {
    Envelope parsed = EnvelopeCodec.read(VALID_TEXT.replace('"', '\''), MAX);

    assertEquals(parsed, EnvelopeCodec.read(EnvelopeCodec.write(parsed), MAX));
    assertFalse(EnvelopeCodec.write(parsed).contains("'"));
  }

  // --- ServerEnvelopes -----------------------------------------------------------------------

  @Test
  void okAnswerIsMtc001FromSystemWithOkResult() {
    Envelope answer = ServerEnvelopes.answer("alice", "m-1", null);

    assertEquals(MsgType.ANSWER, answer.msgType());
    assertEquals("MTC-001", answer.msgType().code());
    assertEquals(ServerEnvelopes.SERVER_SENDER, answer.msgFrom());
    assertEquals("alice", answer.msgTo());
    assertNotNull(answer.msgId());
    assertFalse(answer.msgId().isBlank());
    assertEquals(1, answer.body().size());
    assertEquals("m-1", answer.bodyText("msg_id"));
    assertEquals("ok", answer.bodyText("result"));
    assertEquals("", answer.bodyText("result_detail"));
  }

  @Test
  void failureAnswerCarriesTheErrorCode() {
    Envelope answer = ServerEnvelopes.answer("alice", "m-1", ErrorCode.JSON_INVALID);

    assertEquals("m-1", answer.bodyText("msg_id"));
    assertEquals("fail", answer.bodyText("result"));
    assertEquals("error-005", answer.bodyText("result_detail"));
  }

  @Test
  void answerToAnUnreadableEnvelopeHasEmptyMsgId() {
    Envelope answer = ServerEnvelopes.answer("alice", null, ErrorCode.JSON_INVALID);

    assertEquals("", answer.bodyText("msg_id"));
  }

  @Test
  void answerSurvivesTheCodec() {
    Envelope answer = ServerEnvelopes.answer("alice", "m-1", ErrorCode.TOO_LARGE);

    assertEquals(answer, EnvelopeCodec.read(EnvelopeCodec.write(answer), MAX));
  }

  // --- what PostgreSQL cannot store and XML cannot carry --------------------------------------

  @Test
  void nulInMsgIdIsFieldInvalidAndNamesNoMsgId() {
    TlimException e =
        assertReadFails(ErrorCode.FIELD_INVALID, envelopeWith("msg_id", "\"m\\u00001\""));

    assertEquals(null, e.msgId(), "a msg_id that cannot be stored is not named");
  }

  @Test
  void nulInMsgToIsFieldInvalidAndNamesTheMsgId() {
    TlimException e =
        assertReadFails(ErrorCode.FIELD_INVALID, envelopeWith("msg_to", "\"bob\\u0000\""));

    assertEquals("m-1", e.msgId());
  }

  @Test
  void unpairedSurrogatesInTopLevelFieldsAreFieldInvalid() {
    assertReadFails(ErrorCode.FIELD_INVALID, envelopeWith("msg_id", "\"\\ud800\""));
    assertReadFails(ErrorCode.FIELD_INVALID, envelopeWith("msg_from", "\"alice\\udc00\""));
    assertReadFails(ErrorCode.FIELD_INVALID, envelopeWith("version", "\"\\ud83d2.0\""));
  }

  @Test
  void aSurrogatePairIsAnOrdinaryCharacter() {
    assertEquals(
        "m-\ud83d\ude00",
        EnvelopeCodec.read(envelopeWith("msg_id", "\"m-\\ud83d\\ude00\""), MAX).msgId());
  }

  @Test
  void bodyIdsThatCannotBeStoredAreBodyInvalid() {
    for (String body :
        List.of(
            "[{\"session_id\": \"g\\u0000\", \"text\": \"hi\"}]",
            "[{\"msg_id\": \"\\udfff\"}]",
            "[{\"file_id\": \"f\\u0000\"}]")) {
      TlimException e = assertReadFails(ErrorCode.BODY_INVALID, envelopeWith("body", body));
      assertEquals("m-1", e.msgId());
    }
  }

  @Test
  void aNulInBodyTextIsKeptAndWrittenEscaped() {
    Envelope e = EnvelopeCodec.read(envelopeWith("body", "[{\"text\": \"a\\u0000b\"}]"), MAX);

    assertEquals("a\u0000b", e.bodyText("text"));
    assertTrue(EnvelopeCodec.toJson(e.body()).contains("a\\u0000b"));
  }

  @Test
  void writtenJsonHoldsNothingXmlForbids() throws Exception {
    String text = "x\uffff \ufffe \ud800 \udc00 ]]> ] ]> \ud83d\ude00 > ]]";
    ArrayNode body = EnvelopeCodec.array();
    body.addObject().put("text", text);
    Envelope e = Envelope.of("alice", "bob", "m-]]>", MsgType.TEXT, 1L, body);

    String written = EnvelopeCodec.write(e);

    for (String forbidden : List.of("\uffff", "\ufffe", "\ud800", "\udc00", "]]>")) {
      assertFalse(written.contains(forbidden), () -> "written as it is: " + written);
    }
    assertTrue(written.contains("\ud83d\ude00"), "a surrogate pair stays as it is");
    assertTrue(written.contains("] ]> "), "a '>' elsewhere stays as it is");
    JsonNode back = STRICT.readTree(written);
    assertEquals(
        text, back.path("body").path(0).path("text").asText(), "the escapes mean the same text");
    assertEquals("m-]]>", back.path("msg_id").asText());
  }
}
