/**
 * What every HTTP endpoint shares: the JAX-RS application at {@code /plugins/tlim}, reading
 * parameters from a query string, form fields or a JSON body alike, the JSON writer, and the
 * mapping of failures to {@code {result: "fail", result_detail: code}}.
 */
package im.tlim.web.api;
