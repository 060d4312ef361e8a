package im.tlim.web.api.error;

import im.tlim.error.TlimException;
import im.tlim.web.api.answer.Answers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A business failure becomes its HTTP status and {@code {result: fail, result_detail}}. */
@Provider
public class TlimExceptionMapper implements ExceptionMapper<TlimException> {

  @Override
  public Response toResponse(TlimException e) {
    return Answers.fail(e.code(), e.getMessage());
  }
}
