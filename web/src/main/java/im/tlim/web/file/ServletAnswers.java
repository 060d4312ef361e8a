package im.tlim.web.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.TlimException;
import im.tlim.web.api.Answers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/** The HTTP API's {@code {result, result_detail, …}} answers, written by a servlet. */
final class ServletAnswers {

  private static final System.Logger LOG = System.getLogger(ServletAnswers.class.getName());
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ServletAnswers() {}

  static void ok(HttpServletResponse response, ObjectNode answer) throws IOException {
    write(response, HttpServletResponse.SC_OK, answer);
  }

  /** The failure's HTTP status and {@code {result: fail, result_detail: code}}. */
  static void fail(HttpServletResponse response, TlimException e) throws IOException {
    if (response.isCommitted()) {
      // the status line is gone: all that is left is to cut the response short
      LOG.log(Level.WARNING, "{0} after the answer had begun", e.getMessage());
      throw new IOException(e.getMessage(), e);
    }
    response.reset();
    write(response, e.code().httpStatus(), Answers.failure(e.code(), e.getMessage()));
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
