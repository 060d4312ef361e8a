/**
 * The served OpenAPI document ({@code /openapi}): META-INF/openapi.yaml holds what is written by
 * hand (operations' summaries, descriptions, answers and schemas); {@link
 * im.tlim.web.openapi.ParametersFilter}, a MicroProfile OpenAPI filter, adds each operation's
 * parameters, its POST and the POST body's schema from the resources' {@code Operation}
 * declarations, so a parameter is declared once, in Java, beside the code that reads it.
 */
package im.tlim.web.openapi;
