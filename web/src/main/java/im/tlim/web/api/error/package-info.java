/**
 * Every failure of the API as {@code {result: "fail", result_detail: code}} with its HTTP status:
 * {@link im.tlim.web.api.error.TlimExceptionMapper} for business failures, {@link
 * im.tlim.web.api.error.UnexpectedExceptionMapper} for everything else (HTTP errors, a dependency
 * that is down, server faults), and {@link im.tlim.web.api.error.ContainerErrorFilter} for the
 * errors the JAX-RS runtime sends before any of them runs.
 */
package im.tlim.web.api.error;
