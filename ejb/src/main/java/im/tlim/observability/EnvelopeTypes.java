package im.tlim.observability;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;

/**
 * Reads only the top-level {@code msg_type} of an envelope's text, for counting it: a streaming
 * pass that skips the body rather than building a tree, because the text was parsed already where
 * it was accepted and the metrics must not cost a second full parse.
 */
final class EnvelopeTypes {

  // as lenient as EnvelopeCodec, so an envelope it accepts is never counted as unknown here
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .build();

  private EnvelopeTypes() {}

  /** The msg_type text, or {@value ServiceMetrics#UNKNOWN_TYPE} when there is none to read. */
  static String of(String envelope) {
    if (envelope == null || envelope.isBlank()) {
      return ServiceMetrics.UNKNOWN_TYPE;
    }
    try (JsonParser parser = JSON.createParser(envelope)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return ServiceMetrics.UNKNOWN_TYPE;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("msg_type".equals(field)) {
          return value == JsonToken.VALUE_STRING ? parser.getText() : ServiceMetrics.UNKNOWN_TYPE;
        }
        parser.skipChildren();
      }
      return ServiceMetrics.UNKNOWN_TYPE;
    } catch (IOException e) {
      return ServiceMetrics.UNKNOWN_TYPE;
    }
  }
}
