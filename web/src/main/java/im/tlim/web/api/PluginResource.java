package im.tlim.web.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * Base of the API's resources: every operation answers GET with a query string and POST with
 * form fields or a JSON object, so each has a GET and a POST method that read their
 * parameters here and share one implementation.
 */
@Produces(Answers.JSON_UTF8)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public abstract class PluginResource {

  @Context private UriInfo uri;
  @Context private HttpHeaders headers;

  /** The parameters of a GET. */
  protected Params query() {
    return Params.of(uri);
  }

  /** The parameters of a POST with this body. */
  protected Params form(String body) {
    return Params.of(uri, headers.getMediaType(), body);
  }
}
