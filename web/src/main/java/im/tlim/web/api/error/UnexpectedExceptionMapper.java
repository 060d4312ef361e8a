package im.tlim.web.api.error;

import im.tlim.error.ErrorCode;
import im.tlim.error.Unavailability;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.logging.WebLogger;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What is not a business failure: HTTP errors keep their status (404 for an unknown path …); a body
 * in a charset that cannot be decoded is the client's (400 / error-026); a dependency that is down
 * (the database, the broker) is answered 503 / error-025 with Retry-After; anything else is a
 * server fault, logged with its stack and answered 500 / error-025. Either way the client knows to
 * retry rather than to fix its request.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

  private static final WebLogger LOG = WebLogger.of(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Exception e) {
    if (e instanceof WebApplicationException http) {
      int status = http.getResponse().getStatus();
      ErrorCode code =
          status == 413
              ? ErrorCode.TOO_LARGE
              : status >= 500 ? ErrorCode.INTERNAL : ErrorCode.PARAMETER_INVALID;
      return Response.fromResponse(Answers.fail(code, http.getMessage())).status(status).build();
    }
    if (e instanceof java.io.UnsupportedEncodingException
        || e instanceof java.nio.charset.IllegalCharsetNameException
        || e instanceof java.nio.charset.UnsupportedCharsetException) {
      // the request's Content-Type names a charset its body cannot be read in
      return Answers.fail(
          ErrorCode.PARAMETER_INVALID, "the request's charset is not supported: " + e.getMessage());
    }
    if (Unavailability.isCause(e)) {
      // the database or the broker is down: the same for every request until it is back
      Unavailability.report(UnexpectedExceptionMapper.class, "HTTP requests fail", e);
      return Response.fromResponse(
              Answers.fail(ErrorCode.INTERNAL, "the service is temporarily unavailable"))
          .status(Response.Status.SERVICE_UNAVAILABLE)
          .header("Retry-After", "5")
          .build();
    }
    LOG.requestFailed(e);
    return Answers.fail(ErrorCode.INTERNAL, null);
  }
}
