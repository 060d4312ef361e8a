/**
 * The JSON answers of the HTTP API: {@link im.tlim.web.api.answer.Answers} builds {@code {result,
 * result_detail, …}}, {@link im.tlim.web.api.answer.MessageJson} a stored message in the API's
 * field names; {@link im.tlim.web.api.answer.JsonProvider} writes them for JAX-RS (Jackson), {@link
 * im.tlim.web.api.answer.ServletAnswers} for servlets and servlet filters.
 */
package im.tlim.web.api.answer;
