package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorisation matrix: every operation the served OpenAPI document lists, by each method it
 * lists, called by each kind of caller — no token, an expired one, one with a wrong signature, one
 * for another audience, a user naming another user, a user outside the session, a member, the
 * session's creator, the service role — and each answer checked. An operation added to the document
 * without a rule here fails {@link #everyDocumentedOperationHasARule}.
 */
class AuthorisationIT extends BlackBoxTest {

  /** What a call must answer. */
  enum Expect {
    /** 200. */
    OK,
    /** Past authorisation; the answer may still be a business failure (e.g. 404 no such pair). */
    ALLOWED,
    /** 403 error-014: not a member. */
    NOT_MEMBER,
    /** 403 error-021: not authorised (another user, not the creator, not the service). */
    REFUSED
  }

  /** The kinds of caller each operation is called by. */
  enum CallerKind {
    NO_TOKEN,
    EXPIRED,
    WRONG_SIGNATURE,
    WRONG_AUDIENCE,
    ANOTHER_USER,
    NON_MEMBER,
    MEMBER,
    CREATOR,
    SERVICE
  }

  /**
   * One operation's rule: its parameters for a call that names {@code user}, and what a non-member,
   * a member and the creator get. Another user (a caller naming someone else) is refused with
   * error-021 where the operation takes a user parameter, else gets what a non-member gets; the
   * service role, acting as the creator, gets 200 (or passes authorisation where the creator does).
   *
   * @param fresh whether each call needs a fixture of its own (the operation destroys it)
   */
  record Rule(
      BiFunction<Fixture, String, Map<String, String>> params,
      boolean userParameter,
      Expect nonMember,
      Expect member,
      Expect creator,
      boolean fresh) {}

  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    // sessions
    anyone(
        "addSession",
        (f, u) ->
            Map.of("session_type", "0", "request_user", u, "subscribers", Users.list(f.member)));
    membersOnly(
        "modifySession",
        true,
        (f, u) ->
            Map.of("session_id", f.session, "request_user", u, "session_name", "renamed by " + u));
    creatorOnly(
        "deleteSession", true, (f, u) -> Map.of("session_id", f.session, "request_user", u));
    creatorOnly("dissolved", true, (f, u) -> Map.of("session_id", f.session, "request_user", u));
    anyone("findSessions", (f, u) -> Map.of("user_id", u));
    membersOnly("findSession", false, (f, u) -> Map.of("session_id", f.session));
    membersOnly("findSubscribers", false, (f, u) -> Map.of("session_id", f.session));
    membersOnly(
        "updateSessionPic",
        true,
        (f, u) -> Map.of("session_id", f.session, "request_user", u, "session_pic", "pic-" + u));
    anyone("findWebSessions", (f, u) -> Map.of("user_id", u));
    membersOnly("findPresence", false, (f, u) -> Map.of("session_id", f.session));
    // history: a 1:1 history is the caller's own by construction; there may be no such pair (404)
    anyone("findChatHistory", (f, u) -> Map.of("session_id", f.creator, "user_id", u));
    membersOnly(
        "findSessionHistory", true, (f, u) -> Map.of("session_id", f.session, "user_id", u));
    anyonePastAuthorisation(
        "clearChatHistory", (f, u) -> Map.of("user_id", u, "other_id", f.creator));
    // offline
    anyone("getOffline", (f, u) -> Map.of("user_id", u, "getThenClear", "1"));
    anyone("syncMessage", (f, u) -> Map.of("msg_to", u));
    // read state
    membersOnly("updateMsgStatus", true, (f, u) -> Map.of("session_id", f.session, "msg_to", u));
    membersOnly("findReadMsg", false, (f, u) -> Map.of("session_id", f.session));
    anyonePastAuthorisation(
        "findChatReadMsg", (f, u) -> Map.of("session_id", f.creator, "msg_to", u));
    membersOnly("findMsgStatusList", false, (f, u) -> Map.of("msg_id", f.msgId));
    anyone("hasUnread", (f, u) -> Map.of("user_id", u));
    // announcements: authors and the creator edit
    membersOnly(
        "addPubact",
        true,
        (f, u) -> Map.of("session_id", f.session, "user_id", u, "title", "t", "content", "c"));
    membersOnly("findPubactList", false, (f, u) -> Map.of("session_id", f.session));
    creatorOnly(
        "modifyPubact",
        false,
        (f, u) -> Map.of("id_", f.announcement, "user_id", u, "title", "t2", "content", "c2"));
    creatorOnly("deletePubact", true, (f, u) -> Map.of("id_", f.announcement, "user_id", u));
    // the directory is read by everyone (a people picker) and written by the service
    everyCaller("findUsers", (f, u) -> Map.of("prefix", "az"));
    serviceOnly(
        "addUser",
        false,
        (f, u) -> Map.of("user_id", "az-new-" + UUID.randomUUID().toString().substring(0, 8)));
    serviceOnly("removeUser", true, (f, u) -> Map.of("user_id", f.spare));
    // the approval workflow is the service's
    serviceOnly(
        "approval",
        false,
        (f, u) -> Map.of("msg_to", f.member, "params", "[{\"taskId\":\"t-" + u + "\"}]"));
    serviceOnly(
        "approvalBack",
        false,
        (f, u) -> Map.of("params", "{\"taskId\":\"t-" + u + "\",\"userId\":\"" + f.member + "\"}"));
    anyone("registerAppPushCode", (f, u) -> Map.of("user_id", u, "registrationId", "reg-" + u));
    // a ticket for the caller's own live page; the service names the user
    anyone("liveTicket", (f, u) -> Map.of("user_id", u));
    // dead letters are the operators' (the service role's); an id no dead letter has redrives
    // nothing
    serviceOnly("findDeadLetters", false, (f, u) -> Map.of("start", "0", "length", "5"));
    serviceOnly("redriveDeadLetters", false, (f, u) -> Map.of("id_", "900000000000000"));
  }

  /** Open to every caller acting for themselves: the caller's own data. */
  private static void anyone(String operation, Params params) {
    rule(operation, true, Expect.OK, Expect.OK, Expect.OK, false, params);
  }

  /** Open to every authenticated caller alike: it names no user (the directory). */
  private static void everyCaller(String operation, Params params) {
    rule(operation, false, Expect.OK, Expect.OK, Expect.OK, false, params);
  }

  /** Past authorisation for every caller acting for themselves; it may still fail on the data. */
  private static void anyonePastAuthorisation(String operation, Params params) {
    rule(operation, true, Expect.ALLOWED, Expect.ALLOWED, Expect.ALLOWED, false, params);
  }

  /** For the session's members: a non-member gets error-014. */
  private static void membersOnly(String operation, boolean userParameter, Params params) {
    rule(operation, userParameter, Expect.NOT_MEMBER, Expect.OK, Expect.OK, false, params);
  }

  /** Only the creator (or the service for them); {@code fresh} when the call destroys its data. */
  private static void creatorOnly(String operation, boolean fresh, Params params) {
    rule(operation, true, Expect.REFUSED, Expect.REFUSED, Expect.OK, fresh, params);
  }

  /** The service role's alone: every user is refused with error-021. */
  private static void serviceOnly(String operation, boolean fresh, Params params) {
    rule(operation, false, Expect.REFUSED, Expect.REFUSED, Expect.REFUSED, fresh, params);
  }

  /** A rule's parameters for a call that names the user. */
  interface Params extends BiFunction<Fixture, String, Map<String, String>> {}

  private static void rule(
      String operation,
      boolean userParameter,
      Expect nonMember,
      Expect member,
      Expect creator,
      boolean fresh,
      Params params) {
    RULES.put(
        "/plugins/tlim/" + operation,
        new Rule(params, userParameter, nonMember, member, creator, fresh));
  }

  static final String UPLOAD = "/upload/mobileFileUpload";
  static final String DOWNLOAD = "/upload/mobileFileDownload";

  /** Users, a group of the creator and the member, an announcement by the creator, a file. */
  static final class Fixture {
    final String creator;
    final String member;
    final String outsider;
    final String spare;
    final String session;
    final String announcement;
    String msgId;
    String fileId;

    Fixture() throws Exception {
      String run = UUID.randomUUID().toString().substring(0, 8);
      creator = "az-c-" + run;
      member = "az-m-" + run;
      outsider = "az-o-" + run;
      spare = "az-s-" + run;
      TestEnvironment.knownUsers(creator, member, outsider, spare);
      session = Groups.byService(creator, member);
      Http.Answer posted =
          Http.postForm(
              "addPubact",
              Map.of(
                  "session_id", session, "user_id", creator, "title", "notice", "content", "text"));
      assertEquals(200, posted.status(), posted.json().toString());
      announcement = posted.json().path("id_").asText();
    }
  }

  private static Fixture shared;

  @BeforeAll
  static void fixture() throws Exception {
    shared = new Fixture();
    // the group's first message: the system message that announced it
    JsonNode history =
        Http.get(
                "findSessionHistory",
                Map.of("session_id", shared.session, "user_id", shared.creator))
            .json();
    shared.msgId = history.path("message_list").path(0).path("msg_id").asText();
    assertTrue(!shared.msgId.isEmpty(), "the new group has a system message: " + history);
    Http.Answer upload =
        Uploads.post(TestEnvironment.userToken(shared.creator), "note.txt", "text/plain", "hello");
    assertEquals(200, upload.status(), upload.json().toString());
    shared.fileId = upload.json().path("fileId").asText();
  }

  @Test
  void everyDocumentedOperationHasARule() throws Exception {
    TreeSet<String> missing = new TreeSet<>();
    for (String path : documentedPaths().keySet()) {
      if (!RULES.containsKey(path) && !path.equals(UPLOAD) && !path.equals(DOWNLOAD)) {
        missing.add(path);
      }
    }
    assertEquals(new TreeSet<>(), missing, "operations without an authorisation rule");
  }

  @Test
  void everyOperationAnswersEachCallerAsItsRuleSays() throws Exception {
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (Map.Entry<String, List<String>> documented : documentedPaths().entrySet()) {
      String path = documented.getKey();
      Rule rule = RULES.get(path);
      if (rule == null) {
        continue; // reported by everyDocumentedOperationHasARule; the files are checked below
      }
      for (String method : documented.getValue()) {
        for (CallerKind kind : CallerKind.values()) {
          Fixture f = rule.fresh() ? new Fixture() : shared;
          String token;
          String named;
          Expect expect;
          switch (kind) {
            case ANOTHER_USER -> {
              token = TestEnvironment.userToken(f.outsider);
              named = f.member;
              expect = rule.userParameter() ? Expect.REFUSED : rule.nonMember();
            }
            case NON_MEMBER -> {
              token = TestEnvironment.userToken(f.outsider);
              named = f.outsider;
              expect = rule.nonMember();
            }
            case MEMBER -> {
              token = TestEnvironment.userToken(f.member);
              named = f.member;
              expect = rule.member();
            }
            case CREATOR -> {
              token = TestEnvironment.userToken(f.creator);
              named = f.creator;
              expect = rule.creator();
            }
            case SERVICE -> {
              token = TestEnvironment.serviceToken();
              named = f.creator;
              expect = rule.creator() == Expect.ALLOWED ? Expect.ALLOWED : Expect.OK;
            }
            default -> {
              token = invalidToken(kind, f.member);
              named = f.member;
              expect = null; // 401
            }
          }
          Map<String, String> params = rule.params().apply(f, named);
          String operation = path.substring("/plugins/tlim/".length());
          Http.Answer answer =
              method.equals("get")
                  ? Http.getAs(token, operation, params)
                  : Http.postFormAs(token, operation, params);
          calls++;
          String problem = check(answer, expect);
          if (problem != null) {
            failures.add(method.toUpperCase() + " " + operation + " by " + kind + ": " + problem);
          }
        }
      }
    }
    assertTrue(calls > 400, "the matrix made " + calls + " calls");
    assertEquals(List.of(), failures);
  }

  @Test
  void filesAreForTheirUploaderTheConversationsTheyWereSentInAndTheService() throws Exception {
    List<String> failures = new ArrayList<>();
    for (CallerKind kind : CallerKind.values()) {
      String token =
          switch (kind) {
            case ANOTHER_USER, NON_MEMBER -> TestEnvironment.userToken(shared.outsider);
            case MEMBER -> TestEnvironment.userToken(shared.member);
            case CREATOR -> TestEnvironment.userToken(shared.creator);
            case SERVICE -> TestEnvironment.serviceToken();
            default -> invalidToken(kind, shared.member);
          };
      boolean authenticated = kind.ordinal() >= CallerKind.ANOTHER_USER.ordinal();
      // anyone authenticated uploads; the uploader is the token's subject
      String problem =
          check(
              Uploads.post(token, "note.txt", "text/plain", "hello"),
              authenticated ? Expect.OK : null);
      if (problem != null) {
        failures.add("upload by " + kind + ": " + problem);
      }
      // the file was uploaded by the creator and sent in no conversation yet
      Expect download =
          switch (kind) {
            case CREATOR, SERVICE -> Expect.OK;
            case ANOTHER_USER, NON_MEMBER, MEMBER -> Expect.REFUSED;
            default -> null;
          };
      URI uri =
          TestEnvironment.HTTP.resolve(
              DOWNLOAD + "?fileId=" + URLEncoder.encode(shared.fileId, StandardCharsets.UTF_8));
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
      Http.Answer answer =
          download == Expect.OK
              ? new Http.Answer(statusOf(request, token), "", null)
              : Http.send(request, token);
      problem = check(answer, download);
      if (problem != null) {
        failures.add("download by " + kind + ": " + problem);
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void aFileSentInAChatIsForItsMembersToo() throws Exception {
    TestEnvironment.knownUsers("alice", "bob", "carol");
    Http.Answer upload =
        Uploads.post(TestEnvironment.userToken("alice"), "note.txt", "text/plain", "hello");
    assertEquals(200, upload.status(), upload.json().toString());
    String fileId = upload.json().path("fileId").asText();
    URI uri =
        TestEnvironment.HTTP.resolve(
            DOWNLOAD + "?fileId=" + URLEncoder.encode(fileId, StandardCharsets.UTF_8));
    assertEquals(
        403,
        statusOf(HttpRequest.newBuilder(uri).GET(), TestEnvironment.userToken("bob")),
        "not sent yet");

    try (XmppClient alice = XmppClient.online("alice", "mobile")) {
      String image = Envelopes.newId();
      alice.send(Envelopes.image("alice", "bob", image, fileId), null);
      assertEquals("ok", alice.awaitAnswer(image).path("result").asText());
    }
    assertEquals(
        200,
        statusOf(HttpRequest.newBuilder(uri).GET(), TestEnvironment.userToken("bob")),
        "the recipient");
    assertEquals(
        200,
        statusOf(HttpRequest.newBuilder(uri).GET(), TestEnvironment.userToken("alice")),
        "the uploader");
    Http.Answer carol =
        Http.send(HttpRequest.newBuilder(uri).GET(), TestEnvironment.userToken("carol"));
    assertEquals(403, carol.status(), "not in that chat");
    assertEquals("error-021", carol.detail());
  }

  @Test
  void aUserParameterMayBeLeftOutAndIsThenTheCaller() throws Exception {
    Http.Answer answer =
        Http.getAs(TestEnvironment.userToken(shared.member), "findSessions", Map.of());
    assertEquals(200, answer.status(), answer.json().toString());
    boolean found = false;
    for (JsonNode s : answer.json().path("sessions")) {
      found |= s.path("session_id").asText().equals(shared.session);
    }
    assertTrue(found, "the member's own sessions: " + answer.json());
  }

  @Test
  void aTokenWithoutAKnownRoleIsRefused() throws Exception {
    String token = TestEnvironment.token(shared.member, List.of("guest"));
    Http.Answer answer = Http.getAs(token, "findSessions", Map.of("user_id", shared.member));
    assertEquals(403, answer.status());
    assertEquals("error-021", answer.detail());
  }

  @Test
  void theOpenApiDocumentStaysOpen() throws Exception {
    assertEquals(
        200,
        statusOf(
            HttpRequest.newBuilder(TestEnvironment.HTTP.resolve("/openapi?format=JSON")).GET(),
            null));
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static String invalidToken(CallerKind kind, String subject) {
    List<String> groups = List.of("user");
    Instant valid = Instant.now().plusSeconds(600);
    return switch (kind) {
      case NO_TOKEN -> null;
      // past the verifier's minute of clock skew
      case EXPIRED ->
          TestEnvironment.token(
              subject,
              groups,
              TestEnvironment.JWT_ISSUER,
              TestEnvironment.JWT_AUDIENCE,
              Instant.now().minusSeconds(600),
              TestEnvironment.JWT_SECRET);
      case WRONG_SIGNATURE ->
          TestEnvironment.token(
              subject,
              groups,
              TestEnvironment.JWT_ISSUER,
              TestEnvironment.JWT_AUDIENCE,
              valid,
              "another-secret-of-at-least-thirty-two-bytes-012345");
      case WRONG_AUDIENCE ->
          TestEnvironment.token(
              subject,
              groups,
              TestEnvironment.JWT_ISSUER,
              "someone-else",
              valid,
              TestEnvironment.JWT_SECRET);
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }

  /** What is wrong with the answer, or null; a null expectation means 401 error-027. */
  private static String check(Http.Answer answer, Expect expect) {
    String got = answer.status() + " " + (answer.json() == null ? "" : answer.detail());
    if (expect == null) {
      return answer.status() == 401 && "error-027".equals(answer.detail())
          ? null
          : "expected 401 error-027, got " + got;
    }
    return switch (expect) {
      case OK -> answer.status() == 200 ? null : "expected 200, got " + got + " " + answer.json();
      case ALLOWED ->
          answer.status() != 401 && answer.status() != 403 && answer.status() < 500
              ? null
              : "expected to pass authorisation, got " + got;
      case NOT_MEMBER ->
          answer.status() == 403 && "error-014".equals(answer.detail())
              ? null
              : "expected 403 error-014, got " + got;
      case REFUSED ->
          answer.status() == 403 && "error-021".equals(answer.detail())
              ? null
              : "expected 403 error-021, got " + got;
    };
  }

  /** Every path of the served OpenAPI document with the methods it lists. */
  private static Map<String, List<String>> documentedPaths() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(TestEnvironment.HTTP.resolve("/openapi?format=JSON")).GET().build();
    String body =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
            .body();
    JsonNode paths = XmppClient.JSON.readTree(body).path("paths");
    Map<String, List<String>> documented = new LinkedHashMap<>();
    paths
        .fieldNames()
        .forEachRemaining(
            path -> {
              List<String> methods = new ArrayList<>();
              for (String method : List.of("get", "post", "put", "delete", "patch")) {
                if (paths.path(path).has(method)) {
                  methods.add(method);
                }
              }
              documented.put(path, methods);
            });
    assertTrue(documented.size() > 20, "the document lists the API: " + documented.keySet());
    return documented;
  }

  private static int statusOf(HttpRequest.Builder request, String token) throws Exception {
    if (token != null) {
      request.header("Authorization", TestEnvironment.bearer(token));
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
