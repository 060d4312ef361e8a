package im.tlim.web.api.filter;

import im.tlim.error.ErrorCode;
import im.tlim.settings.Settings;
import im.tlim.web.api.answer.ServletAnswers;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Cross-origin calls from the company's intranet pages: only origins listed in {@code
 * TLIM_CORS_ORIGINS} (none by default, never {@code *}) get CORS headers, and their preflight
 * requests are answered here, before authentication (a preflight carries no token). Declared in
 * web.xml so that it runs before the bearer-token filter.
 */
public class CorsFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject private transient Settings settings;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String origin = request.getHeader("Origin");
    boolean allowed = origin != null && settings.corsOrigins().contains(origin);
    if (allowed) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Vary", "Origin");
      response.setHeader(
          "Access-Control-Expose-Headers", "Content-Disposition, Content-Range, WWW-Authenticate");
    }
    if ("OPTIONS".equals(request.getMethod())
        && request.getHeader("Access-Control-Request-Method") != null) {
      if (allowed) {
        response.setHeader("Access-Control-Allow-Methods", "GET, POST, HEAD");
        response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Range");
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      } else {
        ServletAnswers.fail(
            response,
            HttpServletResponse.SC_FORBIDDEN,
            ErrorCode.NOT_AUTHORISED,
            "cross-origin calls are not allowed from " + origin);
      }
      return;
    }
    chain.doFilter(request, response);
  }
}
