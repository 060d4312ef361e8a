package im.tlim.web.announcement;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.announcement.Announcement;
import im.tlim.announcement.AnnouncementService;
import im.tlim.error.ErrorCode;
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

/** Group announcements (§五 31–34). Titles and contents are returned as data, never markup. */
@Path("")
@RequestScoped
public class AnnouncementResource extends PluginResource {

  static final Parameter<String> TITLE =
      Parameter.required("title", ErrorCode.PARAMETER_INVALID, Announcement.MAX_TITLE)
          .documentedAs(Shape.text(Announcement.MAX_TITLE).minLength(1))
          .describe(
              "The title, 1–"
                  + Announcement.MAX_TITLE
                  + " characters (error-026 otherwise). Stored and returned as data, never markup.")
          .example("标题");

  static final Parameter<String> CONTENT =
      Parameter.required("content", ErrorCode.PARAMETER_INVALID, Announcement.MAX_CONTENT)
          .describe(
              "The text, at most "
                  + Announcement.MAX_CONTENT
                  + " characters (error-026 otherwise; required).")
          .example("内容");

  static final Parameter<String> ADD_PUBACT_USER_ID =
      Parameter.user("user_id")
          .documentedRequired(true)
          .describe("The author. error-008 when missing; error-014 when not a member.")
          .example("d88wa-22m112j3-dasdawdd-w2123");

  static final Parameter<String> ADD_PUBACT_SESSION_ID =
      Parameter.sessionId()
          .describe(
              "The group. error-007 when missing; error-009 when unknown; error-015 when closed.")
          .example("673b15e889df4e4aaa33b46d1b433189");

  static final Operation ADD_PUBACT =
      Operation.of("addPubact", TITLE, CONTENT, ADD_PUBACT_USER_ID, ADD_PUBACT_SESSION_ID);

  static final Parameter<String> FIND_PUBACT_LIST_SESSION_ID =
      Parameter.sessionId()
          .describe("The group. error-007 when missing; error-009 when unknown.")
          .example("673b15e889df4e4aaa33b46d1b433189");

  static final Operation FIND_PUBACT_LIST =
      Operation.of("findPubactList", FIND_PUBACT_LIST_SESSION_ID);

  static final Parameter<Integer> ID =
      Parameter.integer("id_", -1, 1, Integer.MAX_VALUE)
          .documentedRequired(true)
          .describe("The announcement's id. error-026 when missing, not a number, or unknown.")
          .example(9421);

  static final Parameter<String> EDITOR_USER_ID =
      Parameter.user("user_id")
          .describe(
              "Optional acting user, until HTTP authentication arrives: when given, only the author or the session's creator may do this (error-021).")
          .example("d88wa-22m112j3-dasdawdd-w2123");

  static final Operation MODIFY_PUBACT =
      Operation.of("modifyPubact", ID, TITLE, CONTENT, EDITOR_USER_ID);

  static final Operation DELETE_PUBACT = Operation.of("deletePubact", ID, EDITOR_USER_ID);

  @EJB private AnnouncementService announcements;

  @GET
  @Path("addPubact")
  public ObjectNode addPubact() {
    Params params = params();
    Announcement a =
        announcements.add(
            ADD_PUBACT_SESSION_ID.in(params),
            self(
                params,
                ADD_PUBACT_USER_ID
                    .name()), // AnnouncementService checks that the author is a member
            TITLE.in(params),
            CONTENT.in(params));
    ObjectNode answer = Answers.ok();
    answer.put("id_", a.getId());
    return answer;
  }

  @GET
  @Path("findPubactList")
  public ObjectNode findPubactList() {
    Params params = params();
    ObjectNode answer = Answers.ok();
    ArrayNode list = answer.putArray("pubactList");
    String sessionId = FIND_PUBACT_LIST_SESSION_ID.in(params);
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

  @GET
  @Path("modifyPubact")
  public ObjectNode modifyPubact() {
    Params params = params();
    announcements.modify(
        id(params), actor(params, EDITOR_USER_ID.name()), TITLE.in(params), CONTENT.in(params));
    return Answers.ok();
  }

  @GET
  @Path("deletePubact")
  public ObjectNode deletePubact() {
    Params params = params();
    announcements.delete(id(params), actor(params, EDITOR_USER_ID.name()));
    return Answers.ok();
  }

  private static long id(Params params) {
    return ID.in(params);
  }
}
