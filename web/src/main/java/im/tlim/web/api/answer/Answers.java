package im.tlim.web.api.answer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the {@code {result, result_detail, …}} answers of the HTTP API. */
public final class Answers {

  public static final String JSON_UTF8 = MediaType.APPLICATION_JSON + ";charset=UTF-8";

  private Answers() {}

  /** A successful answer; the caller adds the operation's fields. */
  public static ObjectNode ok() {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("result", "ok");
    answer.put("result_detail", "");
    return answer;
  }

  /** A failure: the code, and a human-readable detail (e.g. naming the unknown user). */
  public static Response fail(ErrorCode code, String detail) {
    return Response.status(code.httpStatus()).type(JSON_UTF8).entity(failure(code, detail)).build();
  }

  /** The body of a failure, for callers outside JAX-RS (servlets). */
  public static ObjectNode failure(ErrorCode code, String detail) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("result", "fail");
    answer.put("result_detail", code.code());
    if (detail != null) {
      answer.put("detail", detail);
    }
    return answer;
  }
}
