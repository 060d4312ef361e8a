package im.tlim.web.api.param;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Every operation answers a POST of form fields or a JSON object as it answers a GET with a query
 * string, as the original's servlet did. So that each resource declares one method an operation,
 * this reads a POST's body into the call's {@link Params} (the query string, overridden by the
 * body's fields) and routes the call as the GET. It runs after {@code RequestBodyLimit}, which
 * bounds the body; file uploads are servlets of their own and never come here.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100)
public class PostAsGet implements ContainerRequestFilter {

  /** The request property (a servlet request attribute) holding a POST's {@link Params}. */
  public static final String POSTED = PostAsGet.class.getName();

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!HttpMethod.POST.equals(request.getMethod())) {
      return;
    }
    MediaType type = mediaType(request);
    String body = new String(request.getEntityStream().readAllBytes(), charset(type));
    request.setProperty(POSTED, RequestParams.form(request.getUriInfo(), type, body));
    request.setMethod(HttpMethod.GET);
  }

  private static MediaType mediaType(ContainerRequestContext request) {
    try {
      return request.getMediaType();
    } catch (RuntimeException e) { // a Content-Type the container cannot parse
      throw new TlimException(ErrorCode.PARAMETER_INVALID, "unreadable Content-Type");
    }
  }

  /** The body's charset as its Content-Type names it, UTF-8 when it names none. */
  private static Charset charset(MediaType type) {
    String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, "unknown charset " + name);
    }
  }
}
