package im.tlim.web.page;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The web client's security headers, on every answer of the web module (the pages, and the API's
 * answers, which a browser should never run either). The Content-Security-Policy allows scripts,
 * styles and connections (the API, the live WebSocket) from this origin only and no inline script,
 * so text that slipped into the page as markup still could not run; images and voice messages come
 * from blob URLs, because the page fetches files with its bearer token.
 */
@WebFilter(urlPatterns = "/*")
public class PageSecurityFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
          + " media-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none';"
          + " frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    // the token travels in the fragment, never in a Referer; nothing else needs one either
    response.setHeader("Referrer-Policy", "no-referrer");
    chain.doFilter(request, response);
  }
}
