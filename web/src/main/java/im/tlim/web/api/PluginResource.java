package im.tlim.web.api;

import im.tlim.envelope.Envelope;
import im.tlim.error.ErrorCode;
import im.tlim.session.SessionService;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import im.tlim.web.api.param.PostAsGet;
import im.tlim.web.api.param.RequestParams;
import im.tlim.web.auth.Caller;
import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * Base of the API's resources: every operation answers GET with a query string and POST with form
 * fields or a JSON object; a resource declares its GET, and {@link PostAsGet} routes the POST to
 * it, so {@link #params} gives the parameters either way. The authorisation rules every operation
 * uses are here too: who the caller is, that a user parameter names the caller, that the caller
 * belongs to the session.
 */
@Produces(Answers.JSON_UTF8)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public abstract class PluginResource {

  @Context private UriInfo uri;
  @Context private HttpServletRequest request;
  @EJB private SessionService sessions;

  /** The call's parameters: a POST's, read by {@link PostAsGet}, or the GET's query string. */
  protected Params params() {
    return request.getAttribute(PostAsGet.POSTED) instanceof Params posted
        ? posted
        : RequestParams.query(uri);
  }

  /** The authenticated caller (BearerTokenFilter). */
  protected Caller caller() {
    return Caller.of(request);
  }

  /**
   * The user a call is about, from the parameter {@code name}: it must be the caller (or absent,
   * meaning the caller); the service role names any user. Else error-021.
   */
  protected String self(Params params, String name) {
    return self(params, name, ErrorCode.USER_ID_EMPTY);
  }

  /** {@link #self(Params, String)}, failing with {@code missing} when the service names no user. */
  protected String self(Params params, String name, ErrorCode missing) {
    return caller().self(params.optionalText(name, Envelope.MAX_ID_LENGTH), name, missing);
  }

  /**
   * The acting user for services that apply creator and member rules: the caller; for the service
   * role, the user it names in {@code name}, or null (trusted) when it names none.
   */
  protected String actor(Params params, String name) {
    return caller().actor(params.optionalText(name, Envelope.MAX_ID_LENGTH), name);
  }

  /** Refuses (error-014) a caller who is not a current member of the session; not the service. */
  protected void requireMember(String sessionIdOrPeer) {
    String user = caller().actingUser();
    if (user != null) {
      sessions.requireMember(sessionIdOrPeer, user);
    }
  }
}
