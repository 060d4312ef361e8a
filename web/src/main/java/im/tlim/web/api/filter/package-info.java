/**
 * What is decided about a request before any resource runs: {@link
 * im.tlim.web.api.filter.CorsFilter} (which origins may call, and their preflight requests, for the
 * API and the file servlets) and {@link im.tlim.web.api.filter.RequestBodyLimit} (the API's 10 MiB
 * body limit, 413 / error-018). Authentication is {@code im.tlim.web.auth}'s.
 */
package im.tlim.web.api.filter;
