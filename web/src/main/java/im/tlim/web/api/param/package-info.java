/**
 * A call's parameters: {@link im.tlim.web.api.param.RequestParams} reads them from the query
 * string, form fields or a JSON body alike; {@link im.tlim.web.api.param.Params} gives them as the
 * types an operation needs, refusing a value that does not fit with error-026 (or the code the
 * operation names for a missing one). {@link im.tlim.web.api.param.PostAsGet} reads a POST's body
 * and routes the call to the operation's one (GET) method.
 */
package im.tlim.web.api.param;
