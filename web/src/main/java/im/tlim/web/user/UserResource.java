package im.tlim.web.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.push.PushService;
import im.tlim.user.User;
import im.tlim.user.UserService;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * addUser / removeUser (the original had them in code), registerAppPushCode (§五 50) and findUsers
 * (new: the directory for a people picker). addUser takes one user's fields, or {@code users}: a
 * JSON array of such objects.
 */
@Path("")
@RequestScoped
public class UserResource extends PluginResource {

  static final Parameter<String> ADD_USER_USER_ID =
      Parameter.requiredId("user_id", ErrorCode.USER_ID_EMPTY)
          .documentedRequired(false)
          .describe("The user's id; required unless `users` is given (error-008).")
          .example("1d0e5d20ef0c4eb38cf95f643eecfc27");

  static final Parameter<String> USER_NAME =
      Parameter.optional("user_name", 128).describe("Display name.").example("陈晓旭");

  static final Parameter<String> ACCT_LOGIN =
      Parameter.optional("acct_login", 64).describe("Login name.").example("cxx");

  static final Parameter<String> PIC =
      Parameter.optional("pic", 512).describe("Picture URL or path.").example("pics/cxx.png");

  static final Parameter<JsonNode> USERS =
      Parameter.jsonArray("users", "UserEntry")
          .describe(
              "Many users at once: a JSON array of `{user_id, user_name, acct_login, pic}`; in a query string or a form, its JSON text. When given, the single-user fields are ignored.")
          .exampleJson(
              "[{\"user_id\":\"1d0e5d20ef0c4eb38cf95f643eecfc27\",\"user_name\":\"陈晓旭\",\"acct_login\":\"cxx\",\"pic\":\"\"},{\"user_id\":\"93be1343711940ea986be1486f1541af\",\"user_name\":\"包婉婷\",\"acct_login\":\"bwt\",\"pic\":\"\"}]");

  static final Operation ADD_USER =
      Operation.of("addUser", ADD_USER_USER_ID, USER_NAME, ACCT_LOGIN, PIC, USERS);

  static final Parameter<String> REMOVE_USER_USER_ID =
      Parameter.requiredId("user_id", ErrorCode.USER_ID_EMPTY)
          .describe("The user. error-008 when missing; error-013 when unknown.")
          .example("1d0e5d20ef0c4eb38cf95f643eecfc27");

  static final Operation REMOVE_USER = Operation.of("removeUser", REMOVE_USER_USER_ID);

  static final Parameter<String> REGISTER_APP_PUSH_CODE_USER_ID =
      Parameter.user("user_id")
          .documentedRequired(true)
          .describe("The user. error-008 when missing; error-013 when unknown.")
          .example("c66ddc90-5814-4afd-8598-8b37e3cb8f1a");

  static final Parameter<String> REGISTRATION_ID =
      Parameter.required("registrationId", ErrorCode.PARAMETER_INVALID, 256)
          .describe(
              "The push service's registration id. error-026 when missing or longer than 256.")
          .example("2jh1h2-addawa-213fvvcxza21-saas");

  static final Operation REGISTER_APP_PUSH_CODE =
      Operation.of("registerAppPushCode", REGISTER_APP_PUSH_CODE_USER_ID, REGISTRATION_ID);

  static final Parameter<String> PREFIX =
      Parameter.optional("prefix", Parameter.USER_ID_LENGTH)
          .describe(
              "Only users whose id, name or login starts with this, ignoring case (absent: everyone). error-026 when longer than 64.")
          .example("chen");

  static final Parameter<Integer> DIRECTORY_LENGTH =
      Parameter.integer("length", 50, 1, 1000)
          .describe(
              "The page size, 1–1000 (default 50; at most `tlim.lists.max-entries`). error-026 outside that.")
          .example(50);

  static final Operation FIND_USERS = Operation.of("findUsers", PREFIX, DIRECTORY_LENGTH);

  @EJB private UserService users;
  @EJB private PushService push;

  /** The directory for a people picker: any authenticated caller may read it (docs/api.md). */
  @GET
  @Path("findUsers")
  public ObjectNode findUsers() {
    Params params = params();
    UserService.Directory page = users.directory(PREFIX.in(params), DIRECTORY_LENGTH.in(params));
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("users");
    for (User user : page.users()) {
      list.addObject()
          .put("user_id", user.getUserId())
          .put("user_name", user.getUserName())
          .put("acct_login", nullToEmpty(user.getAcctLogin()))
          .put("pic", nullToEmpty(user.getPic()));
    }
    answer.put("has_more", page.hasMore());
    return answer;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  @GET
  @Path("addUser")
  public ObjectNode addUser() {
    Params params = params();
    caller().requireService();
    JsonNode many = USERS.in(params);
    List<UserService.Entry> entries = new ArrayList<>();
    if (many == null) {
      entries.add(
          new UserService.Entry(
              Params.userId(ADD_USER_USER_ID.name(), ADD_USER_USER_ID.in(params)),
              USER_NAME.in(params),
              ACCT_LOGIN.in(params),
              PIC.in(params)));
    } else {
      for (JsonNode item : many) {
        Params one = Params.ofObject(item);
        entries.add(
            new UserService.Entry(
                Params.userId(ADD_USER_USER_ID.name(), ADD_USER_USER_ID.in(one)),
                USER_NAME.in(one),
                ACCT_LOGIN.in(one),
                PIC.in(one)));
      }
    }
    users.upsert(entries);
    return Answers.ok();
  }

  @GET
  @Path("removeUser")
  public ObjectNode removeUser() {
    Params params = params();
    caller().requireService();
    users.remove(REMOVE_USER_USER_ID.in(params));
    return Answers.ok();
  }

  @GET
  @Path("registerAppPushCode")
  public ObjectNode registerAppPushCode() {
    Params params = params();
    push.register(self(params, REGISTER_APP_PUSH_CODE_USER_ID.name()), REGISTRATION_ID.in(params));
    return Answers.ok();
  }
}
