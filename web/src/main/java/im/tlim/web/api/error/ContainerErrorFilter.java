package im.tlim.web.api.error;

import im.tlim.error.ErrorCode;
import im.tlim.web.api.answer.ServletAnswers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Errors the JAX-RS runtime sends itself, before any resource or exception mapper runs (a malformed
 * {@code Content-Type} or {@code Accept} header is answered with {@code sendError}, which the
 * servlet container renders as an HTML page), get the API's JSON failure instead, their status
 * kept: every failure of the API has the same shape.
 */
@WebFilter(urlPatterns = "/plugins/tlim/*")
public class ContainerErrorFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, new JsonErrors(response));
  }

  /** The code an error status stands for, as UnexpectedExceptionMapper chooses it. */
  static ErrorCode codeFor(int status) {
    return switch (status) {
      case 401 -> ErrorCode.NOT_AUTHENTICATED;
      case 413 -> ErrorCode.TOO_LARGE;
      default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.PARAMETER_INVALID;
    };
  }

  private static final class JsonErrors extends HttpServletResponseWrapper {
    JsonErrors(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
      sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      if (isCommitted()) {
        super.sendError(status, message);
        return;
      }
      ErrorCode code = codeFor(status);
      ServletAnswers.fail(
          (HttpServletResponse) getResponse(),
          status,
          code,
          message == null ? code.meaning() : message);
    }
  }
}
