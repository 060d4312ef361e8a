package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The users, devices, groups, file and messages the fuzz starts from, made once for both phases:
 * XMPP senders (online, each with a group of its own and messages to and from its neighbour), users
 * who are never online, and for HTTP an owner, a member and an outsider.
 */
final class FuzzFixture implements AutoCloseable {

  final List<String> senders = new ArrayList<>();
  final List<String> resources = new ArrayList<>();
  final List<XmppClient> clients = new CopyOnWriteArrayList<>();
  final List<String> offline = new ArrayList<>();
  final String outsider = "fuzz-outsider";
  String fileId;

  /** Each sender's group: the sender, the next sender and an offline user. */
  final List<String> groups = new ArrayList<>();

  String closedGroup;

  /** Per sender: a message the previous sender sent it, its own latest 1:1 and group message. */
  final Map<String, String> received = new ConcurrentHashMap<>();

  final Map<String, String> mine = new ConcurrentHashMap<>();
  final Map<String, String> myGroupMessage = new ConcurrentHashMap<>();

  /** msg_ids the fixture stored (not fuzz inputs). */
  final Set<String> fixtureIds = ConcurrentHashMap.newKeySet();

  // the HTTP phase's cast
  String owner;
  String member;
  final List<String> httpGroups = new CopyOnWriteArrayList<>();
  final List<String> pubacts = new CopyOnWriteArrayList<>();
  String pairMessage;
  String groupMessage;

  private FuzzFixture() {}

  static FuzzFixture create(int senderCount) throws Exception {
    FuzzFixture f = new FuzzFixture();
    for (int i = 0; i < senderCount; i++) {
      f.senders.add("fuzz-s" + i);
      f.resources.add(i % 2 == 0 ? "mobile" : "web");
      f.offline.add("fuzz-off" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> registered = new ArrayList<>();
      for (String s : f.senders) {
        registered.add(
            pool.submit(
                () -> {
                  TestEnvironment.registerXmppUser(s, s + "pw");
                  return null;
                }));
      }
      for (Future<?> r : registered) {
        r.get();
      }
      List<String> known = new ArrayList<>(f.senders);
      known.addAll(f.offline);
      known.add(f.outsider);
      TestEnvironment.knownUsers(known.toArray(String[]::new));
      List<Future<XmppClient>> logins = new ArrayList<>();
      for (int i = 0; i < senderCount; i++) {
        String user = f.senders.get(i);
        String resource = f.resources.get(i);
        logins.add(pool.submit(() -> XmppClient.online(user, resource)));
      }
      for (Future<XmppClient> login : logins) {
        f.clients.add(login.get());
      }
    } finally {
      pool.shutdown();
    }
    f.fileId = upload();
    for (int i = 0; i < senderCount; i++) {
      f.groups.add(
          Groups.byService(
              f.senders.get(i), f.senders.get((i + 1) % senderCount), f.offline.get(i)));
    }
    f.closedGroup = Groups.byService(f.senders.get(0), f.offline.get(0));
    ok(Http.postForm("deleteSession", Map.of("session_id", f.closedGroup)), "deleteSession");

    // a message to the next sender and one in its own group, from every sender
    for (int i = 0; i < senderCount; i++) {
      String from = f.senders.get(i);
      String to = f.senders.get((i + 1) % senderCount);
      String direct = "fuzz-fixture-" + Envelopes.newId();
      String inGroup = "fuzz-fixture-" + Envelopes.newId();
      f.clients.get(i).send(Envelopes.text(from, to, direct, "fixture message"), null);
      f.clients
          .get(i)
          .send(
              GroupMessageIT.groupText(from, f.groups.get(i), inGroup, "fixture group message"),
              null);
      f.fixtureIds.add(direct);
      f.fixtureIds.add(inGroup);
      f.received.put(to, direct);
      f.mine.put(from, direct);
      f.myGroupMessage.put(from, inGroup);
    }
    for (int i = 0; i < senderCount; i++) {
      XmppClient c = f.clients.get(i);
      for (String id : List.of(f.mine.get(c.user), f.myGroupMessage.get(c.user))) {
        JsonNode answer = c.awaitAnswer(id);
        if (!answer.path("result").asText().equals("ok")) {
          throw new AssertionError("a fixture message was refused: " + answer);
        }
      }
    }

    f.owner = f.senders.get(0);
    f.member = f.senders.get(1 % senderCount);
    f.httpGroups.add(f.groups.get(0));
    f.httpGroups.add(Groups.byService(f.owner, f.member));
    f.httpGroups.add(Groups.byService(f.owner, f.member, f.outsider));
    f.pairMessage = f.mine.get(f.owner);
    f.groupMessage = f.myGroupMessage.get(f.owner);
    f.pubacts.add(pubact(f.owner, f.groups.get(0)));
    // the outsider's conversation with system, which clearChatHistory's seed clears
    ok(
        Http.postJson("approval", "{msg_to:'" + f.outsider + "',params:[{bizId:'fixture'}]}"),
        "approval");
    return f;
  }

  /** An announcement by {@code author} in the group; its id_. */
  static String pubact(String author, String group) throws Exception {
    Http.Answer a =
        Http.postForm(
            "addPubact",
            Map.of(
                "session_id",
                group,
                "user_id",
                author,
                "title",
                "fixture",
                "content",
                "fixture notice"));
    ok(a, "addPubact");
    return a.json().path("id_").asText();
  }

  /** A directory user made for one call (removeUser's seed); its id. */
  static String user(String id) throws Exception {
    TestEnvironment.knownUsers(id);
    return id;
  }

  private static void ok(Http.Answer a, String what) {
    if (a.status() != 200) {
      throw new AssertionError(what + " failed: " + a.status() + " " + a.json());
    }
  }

  private static String upload() throws Exception {
    Http.Answer a =
        Uploads.post(
            TestEnvironment.serviceToken(), "fuzz.png", "image/png", "not really a picture");
    ok(a, "upload");
    return a.json().path("fileId").asText();
  }

  /** Every user the fuzz knows, for ids in mutations. */
  List<String> allUsers() {
    List<String> all = new ArrayList<>(senders);
    all.addAll(offline);
    all.add(outsider);
    all.add("system");
    all.add("nobody-at-all");
    return Collections.unmodifiableList(all);
  }

  @Override
  public void close() {
    clients.forEach(XmppClient::close);
  }
}
