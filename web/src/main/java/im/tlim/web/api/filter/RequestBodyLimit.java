package im.tlim.web.api.filter;

import im.tlim.error.ErrorCode;
import im.tlim.web.api.answer.Answers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Bounds the API's request bodies, which the resources read whole. Undertow's own limit ({@code
 * max-post-size}) is off, so that file uploads, which stream, are limited by {@code
 * tlim.files.max-bytes} alone; this keeps the 10 MiB the API had under Undertow's default, now
 * answered 413 / error-018. A declared length over the limit is refused unread; any other body is
 * read here up to one byte past the limit, whatever the headers say.
 */
@Provider
@PreMatching
public class RequestBodyLimit implements ContainerRequestFilter {

  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (request.getLength() > MAX_BODY_BYTES) {
      request.abortWith(tooLarge());
      return;
    }
    if (request.getLength() < 0) {
      // of unknown length — chunked, or HTTP/2, which may send neither Content-Length nor
      // Transfer-Encoding: read it here, never more than the limit (a call without a body reads
      // nothing)
      byte[] body = request.getEntityStream().readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        request.abortWith(tooLarge());
        return;
      }
      request.setEntityStream(new ByteArrayInputStream(body));
    }
  }

  private static Response tooLarge() {
    return Answers.fail(
        ErrorCode.TOO_LARGE, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
  }
}
