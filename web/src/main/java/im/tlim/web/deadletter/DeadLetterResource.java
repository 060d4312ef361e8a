package im.tlim.web.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.deadletter.DeadLetter;
import im.tlim.deadletter.DeadLetterService;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * findDeadLetters: a page of the dead letters (messages the broker gave up on), oldest first.
 * redriveDeadLetters: puts one ({@code id_}) or every one ({@code all=1}) back on its queue. For
 * the service role only: they are an operator's tools, and dead letters hold other users' messages.
 */
@Path("")
@RequestScoped
public class DeadLetterResource extends PluginResource {

  static final int DEFAULT_PAGE = 20;
  static final int MAX_PAGE = 1000;

  @EJB private DeadLetterService letters;

  @GET
  @Path("findDeadLetters")
  public ObjectNode findDeadLetters() {
    return findDeadLetters(query());
  }

  @POST
  @Path("findDeadLetters")
  public ObjectNode findDeadLetters(String body) {
    return findDeadLetters(form(body));
  }

  @GET
  @Path("redriveDeadLetters")
  public ObjectNode redriveDeadLetters() {
    return redriveDeadLetters(query());
  }

  @POST
  @Path("redriveDeadLetters")
  public ObjectNode redriveDeadLetters(String body) {
    return redriveDeadLetters(form(body));
  }

  private ObjectNode findDeadLetters(Params params) {
    caller().requireService();
    DeadLetterService.Page page =
        letters.page(
            params.integer("start", 0, 0, Integer.MAX_VALUE),
            params.integer("length", DEFAULT_PAGE, 1, MAX_PAGE));
    ObjectNode answer = Answers.ok();
    answer.put("total", page.total());
    ArrayNode list = answer.putArray("dead_letters");
    for (DeadLetter letter : page.letters()) {
      list.add(json(letter));
    }
    return answer;
  }

  private ObjectNode redriveDeadLetters(Params params) {
    caller().requireService();
    String id = params.optionalText("id_", 19);
    boolean all = params.is("all", "1") || params.is("all", "true");
    if ((id == null || id.isBlank()) == !all) {
      throw new TlimException(ErrorCode.PARAMETER_INVALID, "name one dead letter (id_) or all=1");
    }
    int redriven = all ? letters.redriveAll() : letters.redrive(idOf(id));
    ObjectNode answer = Answers.ok();
    answer.put("redriven", redriven);
    return answer;
  }

  private static long idOf(String text) {
    try {
      long id = Long.parseLong(text.trim());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new TlimException(ErrorCode.PARAMETER_INVALID, "id_ must be a positive whole number");
  }

  private static ObjectNode json(DeadLetter letter) {
    ObjectNode item = JsonNodeFactory.instance.objectNode();
    item.put("id_", letter.getId());
    item.put("queue", letter.getOriginalQueue());
    item.put("jms_message_id", letter.getJmsMessageId());
    try {
      item.set("properties", EnvelopeCodec.readLenient(letter.getProperties()));
    } catch (JsonProcessingException e) {
      item.put("properties", letter.getProperties());
    }
    item.put("body", letter.getBody());
    item.put("reason", letter.getReason());
    // times are strings of epoch ms, as everywhere in the API
    item.put(
        "first_failed_at",
        letter.getFirstFailedAt() == null ? null : String.valueOf(letter.getFirstFailedAt()));
    item.put("failures", letter.getFailures());
    item.put("dead_at", String.valueOf(letter.getDeadAt()));
    return item;
  }
}
