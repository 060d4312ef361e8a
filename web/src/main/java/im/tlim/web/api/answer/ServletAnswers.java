package im.tlim.web.api.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.web.logging.WebLogger;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP API's {@code {result, result_detail, …}} answers, written outside JAX-RS: by the file
 * servlets, and by the servlet filters that answer a request themselves.
 */
public final class ServletAnswers {

  private static final WebLogger LOG = WebLogger.of(ServletAnswers.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ServletAnswers() {}

  public static void ok(HttpServletResponse response, ObjectNode answer) throws IOException {
    write(response, HttpServletResponse.SC_OK, answer);
  }

  /** The failure's HTTP status and {@code {result: fail, result_detail: code}}. */
  public static void fail(HttpServletResponse response, TlimException e) throws IOException {
    if (response.isCommitted()) {
      // the status line is gone: all that is left is to cut the response short
      LOG.failedAfterAnswerBegan(e.getMessage());
      throw new IOException(e.getMessage(), e);
    }
    response.reset();
    write(response, e.code().httpStatus(), Answers.failure(e.code(), e.getMessage()));
  }

  /**
   * A failure with this status, in place of whatever was buffered, sent at once (for filters that
   * answer themselves, and for the errors the container sends).
   */
  public static void fail(HttpServletResponse response, int status, ErrorCode code, String detail)
      throws IOException {
    byte[] body = JSON.writeValueAsBytes(Answers.failure(code, detail));
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(Answers.JSON_UTF8);
    response.setContentLength(body.length);
    try {
      response.getOutputStream().write(body);
    } catch (IllegalStateException writerInUse) {
      response.getWriter().write(new String(body, StandardCharsets.UTF_8));
    }
    response.flushBuffer();
  }

  private static void write(HttpServletResponse response, int status, ObjectNode answer)
      throws IOException {
    byte[] body = JSON.writeValueAsBytes(answer);
    response.setStatus(status);
    response.setContentType(Answers.JSON_UTF8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
