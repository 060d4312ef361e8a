package im.tlim.web.api.param;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the parameters of one HTTP call come from, whichever way they came: the query string (GET),
 * form fields or a JSON object (POST). Every operation answers both, so one reading serves all.
 */
public final class RequestParams {

  private RequestParams() {}

  /** Parameters of a GET: the query string. */
  public static Params query(UriInfo uri) {
    Map<String, JsonNode> values = new HashMap<>();
    addAll(values, uri.getQueryParameters());
    return new Params(values);
  }

  /** Parameters of a POST: the query string, overridden by the body's fields. */
  public static Params form(UriInfo uri, MediaType type, String body) {
    Map<String, JsonNode> values = new HashMap<>();
    addAll(values, uri.getQueryParameters());
    if (body == null || body.isBlank()) {
      return new Params(values);
    }
    if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      JsonNode root;
      try {
        root = EnvelopeCodec.readLenient(body);
      } catch (JsonProcessingException e) {
        throw new TlimException(ErrorCode.JSON_INVALID, "unreadable JSON body");
      }
      if (root == null || !root.isObject()) {
        throw new TlimException(ErrorCode.JSON_INVALID, "the JSON body is not an object");
      }
      root.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
    } else {
      for (String pair : body.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.put(name, TextNode.valueOf(value));
      }
    }
    return new Params(values);
  }

  private static void addAll(Map<String, JsonNode> values, MultivaluedMap<String, String> query) {
    query.forEach(
        (name, list) -> {
          if (!list.isEmpty()) {
            values.put(name, TextNode.valueOf(list.get(0)));
          }
        });
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, "malformed form encoding");
    }
  }
}
