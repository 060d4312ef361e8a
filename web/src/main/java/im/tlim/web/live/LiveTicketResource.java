package im.tlim.web.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.presence.LiveTickets;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import im.tlim.web.auth.Caller;
import im.tlim.web.operation.Operation;
import im.tlim.web.operation.Parameter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

/**
 * liveTicket (new): a single-use ticket that opens the live WebSocket ({@code /live?ticket=}) for
 * the caller (the service role names the user), so a browser need not put its bearer token in the
 * handshake's query string.
 */
@Path("")
@RequestScoped
public class LiveTicketResource extends PluginResource {

  static final Parameter<String> USER_ID =
      Parameter.user("user_id")
          .describe(
              "The page's user; for a user token the caller (error-021 otherwise), for the service role required (error-008).")
          .example("dave");

  static final Operation LIVE_TICKET = Operation.of("liveTicket", USER_ID);

  @EJB private LiveTickets tickets;
  @Context private HttpServletRequest request;

  @GET
  @Path("liveTicket")
  public ObjectNode liveTicket() {
    Params params = params();
    // the caller's own page; the service (a backend serving the page) names the user
    String user = self(params, USER_ID.name());
    String ticket = tickets.issue(user, Caller.tokenExpiry(request).toEpochMilli());
    return Answers.ok().put("ticket", ticket).put("expires_in", LiveTickets.LIFETIME_MILLIS / 1000);
  }
}
