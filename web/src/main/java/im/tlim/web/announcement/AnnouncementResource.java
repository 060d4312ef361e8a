package im.tlim.web.announcement;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.announcement.Announcement;
import im.tlim.announcement.AnnouncementService;
import im.tlim.error.ErrorCode;
import im.tlim.web.api.PluginResource;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.param.Params;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Group announcements (§五 31–34). Titles and contents are returned as data, never markup. */
@Path("")
@RequestScoped
public class AnnouncementResource extends PluginResource {

  @EJB private AnnouncementService announcements;

  @GET
  @Path("addPubact")
  public ObjectNode addPubact() {
    return addPubact(query());
  }

  @POST
  @Path("addPubact")
  public ObjectNode addPubact(String body) {
    return addPubact(form(body));
  }

  @GET
  @Path("findPubactList")
  public ObjectNode findPubactList() {
    return findPubactList(query());
  }

  @POST
  @Path("findPubactList")
  public ObjectNode findPubactList(String body) {
    return findPubactList(form(body));
  }

  @GET
  @Path("modifyPubact")
  public ObjectNode modifyPubact() {
    return modifyPubact(query());
  }

  @POST
  @Path("modifyPubact")
  public ObjectNode modifyPubact(String body) {
    return modifyPubact(form(body));
  }

  @GET
  @Path("deletePubact")
  public ObjectNode deletePubact() {
    return deletePubact(query());
  }

  @POST
  @Path("deletePubact")
  public ObjectNode deletePubact(String body) {
    return deletePubact(form(body));
  }

  private ObjectNode addPubact(Params params) {
    Announcement a =
        announcements.add(
            params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64),
            self(params, "user_id"), // AnnouncementService checks that the author is a member
            params.text("title", ErrorCode.PARAMETER_INVALID, 1024),
            params.text("content", ErrorCode.PARAMETER_INVALID, 65536));
    ObjectNode answer = Answers.ok();
    answer.put("id_", a.getId());
    return answer;
  }

  private ObjectNode findPubactList(Params params) {
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("pubactList");
    String sessionId = params.text("session_id", ErrorCode.SESSION_ID_EMPTY, 64);
    requireMember(sessionId);
    for (Announcement a : announcements.list(sessionId)) {
      list.addObject()
          .put("content", a.getContent())
          .put("id_", a.getId())
          .put("session_id", a.getSessionId())
          .put("title", a.getTitle())
          .put("ts", Long.toString(a.getTs()))
          .put("user_id", a.getAuthor());
    }
    return answer;
  }

  private ObjectNode modifyPubact(Params params) {
    announcements.modify(
        id(params),
        actor(params, "user_id"),
        params.text("title", ErrorCode.PARAMETER_INVALID, 1024),
        params.text("content", ErrorCode.PARAMETER_INVALID, 65536));
    return Answers.ok();
  }

  private ObjectNode deletePubact(Params params) {
    announcements.delete(id(params), actor(params, "user_id"));
    return Answers.ok();
  }

  private static long id(Params params) {
    return params.integer("id_", -1, 1, Integer.MAX_VALUE);
  }
}
