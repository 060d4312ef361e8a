package im.tlim.web.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.push.PushService;
import im.tlim.user.UserService;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * addUser / removeUser (the original had them in code) and registerAppPushCode (§五 50). addUser
 * takes one user's fields, or {@code users}: a JSON array of such objects.
 */
@Path("")
@RequestScoped
public class UserResource extends PluginResource {

  @EJB private UserService users;
  @EJB private PushService push;

  @GET
  @Path("addUser")
  public ObjectNode addUser() {
    return addUser(query());
  }

  @POST
  @Path("addUser")
  public ObjectNode addUser(String body) {
    return addUser(form(body));
  }

  @GET
  @Path("removeUser")
  public ObjectNode removeUser() {
    return removeUser(query());
  }

  @POST
  @Path("removeUser")
  public ObjectNode removeUser(String body) {
    return removeUser(form(body));
  }

  @GET
  @Path("registerAppPushCode")
  public ObjectNode registerAppPushCode() {
    return register(query());
  }

  @POST
  @Path("registerAppPushCode")
  public ObjectNode registerAppPushCode(String body) {
    return register(form(body));
  }

  private ObjectNode addUser(Params params) {
    caller().requireService();
    JsonNode many = params.jsonArray("users");
    List<UserService.Entry> entries = new ArrayList<>();
    if (many == null) {
      entries.add(
          new UserService.Entry(
              Params.userId("user_id", params.text("user_id", ErrorCode.USER_ID_EMPTY, 64)),
              params.optionalText("user_name", 128),
              params.optionalText("acct_login", 64),
              params.optionalText("pic", 512)));
    } else {
      for (JsonNode item : many) {
        Params one = Params.ofObject(item);
        entries.add(
            new UserService.Entry(
                Params.userId("user_id", one.text("user_id", ErrorCode.USER_ID_EMPTY, 64)),
                one.optionalText("user_name", 128),
                one.optionalText("acct_login", 64),
                one.optionalText("pic", 512)));
      }
    }
    users.upsert(entries);
    return Answers.ok();
  }

  private ObjectNode removeUser(Params params) {
    caller().requireService();
    users.remove(params.text("user_id", ErrorCode.USER_ID_EMPTY, 64));
    return Answers.ok();
  }

  private ObjectNode register(Params params) {
    push.register(
        self(params, "user_id"), params.text("registrationId", ErrorCode.PARAMETER_INVALID, 256));
    return Answers.ok();
  }
}
