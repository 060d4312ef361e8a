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
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import im.tlim.web.operation.Shape;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * findDeadLetters: a page of the dead letters (messages the broker gave up on), oldest first.
 * redriveDeadLetters: puts one ({@code id_}) or every one ({@code all=1}) back on its queue. For
 * the service role only: they are an operator's tools, and dead letters hold other users' messages.
 */
@Path("")
@RequestScoped
public class DeadLetterResource extends PluginResource {

  static final int MAX_PAGE = 1000;
  static final int DEFAULT_PAGE = 20;

  static final Parameter<Integer> START =
      Parameter.integer("start", 0, 0, Integer.MAX_VALUE)
          .describe(
              "How many of the oldest to skip (default 0). error-026 when not a whole number ≥ 0.")
          .example(0);

  static final Parameter<Integer> LENGTH =
      Parameter.integer("length", DEFAULT_PAGE, 1, MAX_PAGE)
          .describe("The page size, 1–1000 (default 20). error-026 outside that.")
          .example(20);

  static final Operation FIND_DEAD_LETTERS = Operation.of("findDeadLetters", START, LENGTH);

  static final Parameter<String> ID =
      Parameter.optional("id_", 19)
          .documentedAs(Shape.integer(1, Integer.MAX_VALUE).format("int64"))
          .describe(
              "The dead letter to redrive (its `id_` in findDeadLetters). Either this or `all`; error-026 for both, neither, or not a positive whole number.")
          .example(50);

  static final Parameter<Boolean> ALL =
      Parameter.word("all", "1", "true")
          .describe("`1` (or `true`): redrive every dead letter kept now.");

  static final Operation REDRIVE_DEAD_LETTERS = Operation.of("redriveDeadLetters", ID, ALL);

  @EJB private DeadLetterService letters;

  @GET
  @Path("findDeadLetters")
  public ObjectNode findDeadLetters() {
    Params params = params();
    caller().requireService();
    DeadLetterService.Page page = letters.page(START.in(params), LENGTH.in(params));
    ObjectNode answer = Answers.ok();
    answer.put("total", page.total());
    ArrayNode list = answer.putArray("dead_letters");
    for (DeadLetter letter : page.letters()) {
      list.add(json(letter));
    }
    return answer;
  }

  @GET
  @Path("redriveDeadLetters")
  public ObjectNode redriveDeadLetters() {
    Params params = params();
    caller().requireService();
    String id = ID.in(params);
    boolean all = ALL.in(params);
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
