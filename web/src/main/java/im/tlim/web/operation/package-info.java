/**
 * The operations of the HTTP API and their parameters, each declared once: a resource declares an
 * {@link im.tlim.web.operation.Operation} with its {@link im.tlim.web.operation.Parameter}s (name,
 * type, limits, whether required, the error code when missing, description, example), reads every
 * parameter through its declaration, and the OpenAPI document's parameter parts are written from
 * the same declarations ({@code im.tlim.web.openapi}).
 */
package im.tlim.web.operation;
