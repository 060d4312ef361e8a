package im.tlim.web.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.session.SessionService;
import im.tlim.user.User;
import im.tlim.web.api.Answers;
import im.tlim.web.api.Params;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** Session operations of the original's API (§五 14–16, 19–24). */
@Path("")
@RequestScoped
@Produces(Answers.JSON_UTF8)
public class SessionResource {

  @EJB private SessionService sessions;
  @Context private UriInfo uri;

  @GET
  @Path("addSession")
  public ObjectNode addSession() {
    return addSession(Params.of(uri));
  }

  @POST
  @Path("addSession")
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
  public ObjectNode postAddSession(@Context HttpHeaders headers, String body) {
    return addSession(Params.of(uri, headers.getMediaType(), body));
  }

  private ObjectNode addSession(Params params) {
    String type = params.text("session_type", ErrorCode.SESSION_TYPE_INVALID, 20);
    if (!type.trim().matches("\\d{1,2}")) {
      throw new im.tlim.error.TlimException(ErrorCode.SESSION_TYPE_INVALID, "session_type " + type);
    }
    String requestUser = params.text("request_user", ErrorCode.SESSION_USER_INVALID, 64);
    SessionService.Created created =
        sessions.addSession(
            requestUser,
            Integer.parseInt(type.trim()),
            params.optionalText("session_name", 1024),
            params.userIds("subscribers"));
    ObjectNode answer = Answers.ok();
    answer.put("session_id", created.session().getSessionId());
    answer.put("session_name", created.session().getSessionName());
    answer.put("session_type", Integer.toString(created.session().getSessionType()));
    answer.put("session_user", created.session().getSessionUser());
    answer.put("session_create_time", Long.toString(created.session().getCreateTime()));
    ArrayNode subscribers = answer.putArray("subscribers");
    for (User member : created.members()) {
      subscribers.addObject().put("user_id", member.getUserId());
    }
    return answer;
  }
}
