package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Groups (session_type 0) that a test makes for itself through addSession, as the form a web page
 * or the company's backend posts. Each one checks that the group was made.
 */
final class Groups {

  private Groups() {}

  /** A group the service (the company's backend) made for the creator with the others; its id. */
  static String byService(String creator, String... others) throws Exception {
    return byService(creator, List.of(others));
  }

  static String byService(String creator, Collection<String> others) throws Exception {
    return create(TestEnvironment.serviceToken(), creator, others).path("session_id").asText();
  }

  /** A group the creator made with their own token; its id. */
  static String byCreator(String creator, String... others) throws Exception {
    return byCreator(creator, List.of(others));
  }

  static String byCreator(String creator, Collection<String> others) throws Exception {
    return create(TestEnvironment.userToken(creator), creator, others).path("session_id").asText();
  }

  /** The actor, a member, adds a user to the group with their own token; checks that it is done. */
  static void add(String actor, String sessionId, String user) throws Exception {
    modify(actor, sessionId, Map.of("subscribers", Users.change(user, "add"))).assertOk();
  }

  /**
   * The actor removes a user (themselves: they quit) from the group with their own token; checks
   * that it is done.
   */
  static void remove(String actor, String sessionId, String user) throws Exception {
    modify(actor, sessionId, Map.of("subscribers", Users.change(user, "del"))).assertOk();
  }

  /** modifySession's answer to these changes, posted by the actor with their own token. */
  static Http.Answer modify(String actor, String sessionId, Map<String, String> changes)
      throws Exception {
    Map<String, String> form = new java.util.HashMap<>(changes);
    form.put("session_id", sessionId);
    form.put("request_user", actor);
    return Http.postFormAs(TestEnvironment.userToken(actor), "modifySession", form);
  }

  /**
   * addSession's answer for a group of the creator and the others, posted with this token, after
   * checking that it is a 200 with result ok.
   */
  static JsonNode create(String token, String creator, Collection<String> others) throws Exception {
    Http.Answer created =
        Http.postFormAs(
            token,
            "addSession",
            Map.of(
                "session_type", "0", "request_user", creator, "subscribers", Users.list(others)));
    assertEquals(200, created.status(), created.json().toString());
    created.assertOk();
    return created.json();
  }
}
