package im.tlim.web.auth;

import im.tlim.error.ErrorCode;
import im.tlim.user.Contacts;
import im.tlim.user.UserIds;
import im.tlim.web.api.answer.ServletAnswers;
import im.tlim.web.logging.WebLogger;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Lets through only calls with a valid {@code Authorization: Bearer} token, and leaves their {@link
 * Caller} in the request; anything else is answered 401 / error-027 with a JSON body. A token whose
 * subject is an id the server speaks as is 403 error-029; a user token whose subject cannot be a
 * user id (not an XMPP localpart) 403 error-021, one of a removed user 404 error-013. One place for
 * both the API and the file servlets; {@code /openapi} is not under it. A handshake of the live
 * WebSocket may carry a single-use {@code ticket} instead, which the endpoint redeems.
 */
@WebFilter(urlPatterns = {"/plugins/tlim/*", "/upload/*", "/live"})
public class BearerTokenFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final WebLogger LOG = WebLogger.of(BearerTokenFilter.class);
  private static final String PREFIX = "bearer ";

  private transient TokenVerifier verifier;
  @Inject private transient UserIds ids;
  @Inject private transient Contacts contacts;

  @Override
  public void init(FilterConfig config) {
    verifier = TokenVerifier.fromSystemProperties();
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String token = bearerToken(request);
    if (token == null
        && "/live".equals(request.getServletPath())
        && request.getParameter("ticket") != null) {
      // a browser's ticket (liveTicket): LiveEndpoint redeems it, once, or closes the socket
      chain.doFilter(request, response);
      return;
    }
    if (token == null) {
      refuse(response, "no bearer token", null);
      return;
    }
    Caller caller;
    try {
      TokenVerifier.Verified verified = verifier.verifyWithExpiry(token);
      caller = verified.caller();
      request.setAttribute(Caller.EXPIRES_ATTRIBUTE, verified.expiresAt());
    } catch (TokenVerifier.InvalidToken e) {
      LOG.tokenRefused(request.getRemoteAddr(), e.getMessage());
      refuse(response, "invalid bearer token", "invalid_token");
      return;
    }
    if (!caller.hasKnownRole()) {
      write(
          response,
          ErrorCode.NOT_AUTHORISED,
          "the token grants neither the user nor the service role");
      return;
    }
    if (ids.isReserved(caller.userId())) {
      write(response, ErrorCode.ID_RESERVED, "the token's subject is an id the server itself uses");
      return;
    }
    if (!caller.isService()) {
      // a user's id is an XMPP localpart (no ':' to confuse pair keys); a removed user is no user
      if (!UserIds.isAddressable(caller.userId())) {
        write(response, ErrorCode.NOT_AUTHORISED, "the token's subject cannot be a user id");
        return;
      }
      if (contacts.isRemoved(caller.userId())) {
        write(response, ErrorCode.USER_UNKNOWN, "the token's user was removed");
        return;
      }
    }
    request.setAttribute(Caller.ATTRIBUTE, caller);
    chain.doFilter(request, response);
  }

  /**
   * The token of the Authorization header; for the live WebSocket also the {@code access_token}
   * query parameter, since browsers cannot set headers on a WebSocket handshake.
   */
  static String bearerToken(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return header.substring(PREFIX.length()).trim();
    }
    if ("/live".equals(request.getServletPath())) {
      String token = request.getParameter("access_token");
      return token == null || token.isBlank() ? null : token;
    }
    return null;
  }

  private static void refuse(HttpServletResponse response, String detail, String error)
      throws IOException {
    response.setHeader(
        "WWW-Authenticate",
        error == null ? "Bearer realm=\"tlim\"" : "Bearer realm=\"tlim\", error=\"" + error + "\"");
    write(response, ErrorCode.NOT_AUTHENTICATED, detail);
  }

  private static void write(HttpServletResponse response, ErrorCode code, String detail)
      throws IOException {
    ServletAnswers.fail(response, code.httpStatus(), code, detail);
  }
}
