package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.error.ErrorCode;
import im.tlim.it.CallMutator.Call;
import im.tlim.it.CallMutator.Encoding;
import im.tlim.it.CallMutator.TokenKind;
import im.tlim.it.EnvelopeMutator.Mutant;
import im.tlim.it.FuzzCorpus.CallSeed;
import im.tlim.it.FuzzCorpus.EnvelopeSeed;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A fuzz test against the real server: mutated envelopes over XMPP and mutated HTTP calls, made
 * from the seed corpus in {@code src/test/resources/fuzz} by a seeded mutator. For every input:
 *
 * <ul>
 *   <li>XMPP: an MTC-001 answer comes (ok, or fail with an error-0NN code), never error-025;
 *       nothing a refusal answered is stored, and every stored message of a fuzz sender was
 *       answered ok to that sender; a spoofed sender or a server-only type is never accepted.
 *   <li>HTTP: no 5xx and no error-025; every failure has the documented JSON shape; a 2xx never
 *       carries a failure and never comes without a valid token; a refused call changes nothing in
 *       the database.
 * </ul>
 *
 * {@code -Dfuzz.seed=} repeats a run's choices (the seed is printed), {@code -Dfuzz.xmpp=N
 * -Dfuzz.http=N} set the sizes, {@code -Dfuzz.senders=N} the XMPP users. Failing inputs are printed
 * and written to {@code target/fuzz-failures/}. See docs/fuzz.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzIT extends BlackBoxTest {

  static final long SEED = Long.getLong("fuzz.seed", new SecureRandom().nextLong() >>> 16);
  static final int XMPP_INPUTS = Integer.getInteger("fuzz.xmpp", 1500);
  static final int HTTP_INPUTS = Integer.getInteger("fuzz.http", 1500);
  static final int SENDERS = Integer.getInteger("fuzz.senders", 8);

  /** Envelopes sent before a chunk's marker. */
  private static final int CHUNK = 8;

  /** Each sender's pace, under the server's per-user limit (20/s, burst 50 in the ITs). */
  private static final double PER_SECOND = 16;

  private static final int BURST = 30;
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What the XMPP server (Prosody: 256 KiB a stanza) lets a client send; more closes the stream.
   */
  private static final int STANZA_ALLOWANCE = 200_000;

  private static final Set<String> CLIENT_TYPES =
      Set.of(
          "MTT-000", "MTT-001", "MTT-002", "MTT-003", "MTT-100", "MTT-101", "MTT-200", "MTT-201",
          "MTB-001", "MTS-000", "MTS-001", "MTS-002", "MTS-003", "MTS-100", "MTS-101", "MTC-000");

  /** Client types stored as a message of their own. */
  private static final Set<String> STORING_TYPES =
      Set.of(
          "MTT-000", "MTT-001", "MTT-002", "MTT-003", "MTB-001", "MTS-000", "MTS-001", "MTS-002",
          "MTS-003");

  private static final Set<String> SERVER_ONLY_TYPES =
      Set.of(
          "MTT-102", "MTS-102", "MTS-103", "MTS-104", "MTS-105", "MTS-106", "MTS-107", "MTB-000",
          "MTC-001", "HFO-000", "HFO-001");
  private static final Set<String> CODES =
      Arrays.stream(ErrorCode.values())
          .map(ErrorCode::code)
          .collect(Collectors.toUnmodifiableSet());
  private static final Pattern CODE = Pattern.compile("error-\\d{3}");

  private static FuzzFixture fixture;

  @BeforeAll
  static void clearFailures() throws Exception {
    FuzzReport.clearFailures();
    System.out.println(
        "FuzzIT: seed "
            + SEED
            + " (-Dfuzz.seed="
            + SEED
            + "), "
            + XMPP_INPUTS
            + " envelopes, "
            + HTTP_INPUTS
            + " calls, "
            + SENDERS
            + " senders");
  }

  @AfterAll
  static void closeFixture() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static synchronized FuzzFixture fixture() throws Exception {
    if (fixture == null) {
      fixture = FuzzFixture.create(SENDERS);
    }
    return fixture;
  }

  // ======================================================================== XMPP

  @Test
  @Order(1)
  void everyMutatedEnvelopeIsAnsweredAndNothingRefusedIsStored() throws Exception {
    Assumptions.assumeTrue(XMPP_INPUTS > 0, "-Dfuzz.xmpp=0");
    List<EnvelopeSeed> seeds = FuzzCorpus.envelopes();
    assertCovers(seeds, EnvelopeSeed::type, CLIENT_TYPES, "an envelope of every client type");
    FuzzFixture f = fixture();
    FuzzReport report = new FuzzReport("xmpp", SEED);
    long log = serverLogSize();
    XmppRun run = new XmppRun(f, seeds, report);
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<?>> senders = new ArrayList<>();
      for (int i = 0; i < SENDERS; i++) {
        int sender = i;
        int quota = XMPP_INPUTS / SENDERS + (i < XMPP_INPUTS % SENDERS ? 1 : 0);
        senders.add(
            pool.submit(
                () -> {
                  run.sender(sender, quota);
                  return null;
                }));
      }
      for (Future<?> s : senders) {
        s.get(30, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    run.checkStore();
    checkTheServerAfterwards(report, log, started, "fuzz, all senders");

    // every seed envelope, unmutated, got the answer its seed file expects
    assertSeedsPassed(report, "seed envelopes answered as expected", seeds.size() * SENDERS);
    assertAllSentSomeRefused(report, XMPP_INPUTS, "inputs sent", "answered ok", "answered fail");
    assertEquals(
        report.get("inputs sent"),
        report.get("answered ok") + report.get("answered fail") + report.get("unanswered"));
    assertNoPropertyFailed(report);
  }

  /** One envelope as sent, what the server will read from it, and the answer it got. */
  static final class Input {
    final String index;
    final String seedType;
    final String sender;
    final String text;
    final String location;
    final List<String> mutations;
    final Parsed parsed;
    JsonNode answer;

    Input(
        String index,
        String seedType,
        String sender,
        String text,
        String location,
        List<String> mutations) {
      this.index = index;
      this.seedType = seedType;
      this.sender = sender;
      this.text = text;
      this.location = location;
      this.mutations = mutations;
      this.parsed = Parsed.of(text);
    }

    String outcome() {
      return answer.path("result").asText().equals("ok")
          ? "ok"
          : answer.path("result_detail").asText();
    }

    String describe() {
      return "sender "
          + sender
          + ", seed "
          + seedType
          + ", location "
          + (location == null ? "(none)" : FuzzText.printable(location, 40))
          + "\nmutations: "
          + (mutations.isEmpty() ? "(none: the seed as it is)" : String.join("; ", mutations))
          + "\nbody ("
          + text.length()
          + " chars, XML-illegal characters as JSON escapes):\n"
          + text
          + "\nanswer: "
          + (answer == null ? "(none)" : answer.toString());
    }
  }

  /**
   * What EnvelopeCodec will read from a text: the fields that decide the answer, and for a text
   * whose answer will name no msg_id, the code it will get when that is sure.
   */
  record Parsed(
      boolean object, String msgId, String from, String to, String type, String anonymousCode) {
    static Parsed none(String code) {
      return new Parsed(false, "", null, null, null, code);
    }

    static Parsed of(String text) {
      if (text.isBlank()) {
        return none(ErrorCode.BODY_INVALID.code());
      }
      if (text.getBytes(StandardCharsets.UTF_8).length > 65_536) {
        return none(ErrorCode.TOO_LARGE.code());
      }
      JsonNode root;
      try {
        // read as the server reads envelopes, to know what msg_id an answer names
        root = EnvelopeCodec.readLenient(text);
      } catch (Exception e) {
        return none(ErrorCode.JSON_INVALID.code());
      }
      if (root == null || !root.isObject()) {
        return none(ErrorCode.JSON_INVALID.code());
      }
      JsonNode id = root.get("msg_id");
      String msgId =
          id != null && id.isTextual() && !id.asText().isBlank() && id.asText().length() <= 64
              ? id.asText()
              : "";
      return new Parsed(
          true, msgId, text(root, "msg_from"), text(root, "msg_to"), text(root, "msg_type"), null);
    }

    private static String text(JsonNode root, String field) {
      JsonNode n = root.get(field);
      return n != null && n.isTextual() ? n.asText() : null;
    }
  }

  /** A client-side token bucket, so each sender stays under the server's rate limit. */
  static final class Pacer {
    private double tokens = BURST;
    private long at = System.nanoTime();

    void acquire() throws InterruptedException {
      while (true) {
        long now = System.nanoTime();
        tokens = Math.min(BURST, tokens + (now - at) / 1e9 * PER_SECOND);
        at = now;
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        Thread.sleep((long) Math.ceil((1 - tokens) / PER_SECOND * 1000));
      }
    }
  }

  /** The XMPP phase: senders in parallel, each with its own random numbers and answers. */
  static final class XmppRun {
    private final FuzzFixture f;
    private final List<EnvelopeSeed> seeds;
    private final FuzzReport report;

    /** msg_id → the senders it was answered ok to. */
    private final Map<String, Set<String>> okIds = new ConcurrentHashMap<>();

    /** msg_id → an input a refusal named it in. */
    private final Map<String, Input> refused = new ConcurrentHashMap<>();

    /** msg_id → an input that carried it (to name the input behind a stored row). */
    private final Map<String, Input> carriers = new ConcurrentHashMap<>();

    /** Inputs of a type that stores a message, answered ok. */
    private final List<Input> storedOk = Collections.synchronizedList(new ArrayList<>());

    XmppRun(FuzzFixture f, List<EnvelopeSeed> seeds, FuzzReport report) {
      this.f = f;
      this.seeds = seeds;
      this.report = report;
    }

    void sender(int i, int quota) throws Exception {
      String me = f.senders.get(i);
      Random random = new Random(SEED * 1_000_003L + i);
      List<String> history =
          Collections.synchronizedList(new ArrayList<>(new TreeSet<>(f.fixtureIds)));
      Map<String, String> state = new ConcurrentHashMap<>();
      state.put("mine", f.mine.get(me));
      state.put("mygroupmsg", f.myGroupMessage.get(me));
      List<String> groups = new ArrayList<>(f.groups);
      groups.add(f.closedGroup);
      groups.add("no-such-group-" + i);
      EnvelopeMutator mutator =
          new EnvelopeMutator(
              random, new EnvelopeMutator.Pools(me, f.allUsers(), groups, history, f.fileId));
      Map<String, String> values = new LinkedHashMap<>();
      values.put("me", me);
      values.put("peer", f.senders.get((i + 1) % f.senders.size()));
      values.put("offline", f.offline.get(i));
      values.put("group", f.groups.get(i));
      values.put("file", f.fileId);
      values.put("received", f.received.get(me));
      values.put("groupmsg", f.myGroupMessage.get(me));
      java.util.function.Function<String, String> resolver =
          name ->
              switch (name) {
                case "id" -> FuzzText.uuid(random);
                case "now" -> Long.toString(System.currentTimeMillis());
                case "mine", "mygroupmsg" -> state.get(name);
                default -> values.get(name);
              };
      Pacer pacer = new Pacer();
      XmppClient client = f.clients.get(i);

      // the seeds as they are: each must get the answer its file expects
      for (EnvelopeSeed seed : seeds) {
        ObjectNode envelope = (ObjectNode) FuzzCorpus.resolve(seed.envelope(), resolver);
        Input in =
            new Input(
                "x" + i + ".seed-" + seed.name(),
                seed.type(),
                me,
                FuzzText.xmlSafe(envelope.toString()),
                seed.location(),
                List.of());
        pacer.acquire();
        client.send(in.text, in.location);
        in.answer = answerTo(client, in.parsed.msgId());
        if (in.answer == null || !seed.expect().contains(in.outcome())) {
          report.fail(
              "seed envelope answered as its file expects",
              in.index,
              "expected "
                  + seed.expect()
                  + ", got "
                  + (in.answer == null ? "no answer" : in.outcome()),
              in.describe());
        } else {
          report.count("seed envelopes answered as expected");
          if (in.outcome().equals("ok")) {
            okIds.computeIfAbsent(in.parsed.msgId(), k -> ConcurrentHashMap.newKeySet()).add(me);
            carriers.putIfAbsent(in.parsed.msgId(), in);
          }
          learn(in, state, values, history);
        }
      }

      int sent = 0;
      int chunkNo = 0;
      while (sent < quota) {
        List<Input> chunk = new ArrayList<>();
        while (chunk.size() < CHUNK && sent < quota) {
          EnvelopeSeed seed = FuzzText.pick(random, seeds);
          ObjectNode envelope = (ObjectNode) FuzzCorpus.resolve(seed.envelope(), resolver);
          Mutant m =
              random.nextInt(100) < 5
                  ? new Mutant(FuzzText.xmlSafe(envelope.toString()), seed.location(), List.of())
                  : mutator.mutate(envelope, seed.location());
          if (estimatedStanzaBytes(m.text()) > STANZA_ALLOWANCE) {
            continue; // the XMPP server would close the stream: not the service's to answer
          }
          Input in =
              new Input(
                  "x" + i + "." + sent, seed.type(), me, m.text(), m.location(), m.mutations());
          chunk.add(in);
          sent++;
          if (random.nextInt(100) < 3 && sent < quota) {
            List<String> again = new ArrayList<>(m.mutations());
            again.add("sent again at once (a resend)");
            chunk.add(
                new Input("x" + i + "." + sent, seed.type(), me, m.text(), m.location(), again));
            sent++;
          }
        }
        for (Input in : chunk) {
          pacer.acquire();
          client.send(in.text, in.location);
          report.count("inputs sent");
          if (!in.parsed.msgId().isEmpty()) {
            carriers.putIfAbsent(in.parsed.msgId(), in);
          }
        }
        String marker = "fuzz-mark-" + i + "-" + chunkNo++;
        pacer.acquire();
        client.send(marker(me, marker), null);
        List<JsonNode> answers = collect(client, me, marker, chunk.size(), pacer);
        List<JsonNode> unattributed = attribute(chunk, answers);
        String context =
            chunk.stream()
                .map(
                    c ->
                        c.index
                            + " (msg_id '"
                            + FuzzText.printable(c.parsed.msgId(), 40)
                            + "') → "
                            + (c.answer == null ? "none" : c.answer.toString()))
                .collect(
                    Collectors.joining(
                        "\n  ", "chunk, ending with marker " + marker + ":\n  ", ""));
        for (Input in : chunk) {
          judge(in, state, values, history, unattributed, context);
        }
        if (!client.isConnected()) {
          for (Input in : chunk) {
            report.fail(
                "the client's XMPP connection stays open",
                in.index,
                "the connection was closed after this chunk (one of its inputs may be the cause)",
                in.describe());
          }
          client = XmppClient.online(me, f.resources.get(i));
          f.clients.set(i, client);
        }
      }
    }

    /** An envelope the server refuses (unknown type) with its msg_id: it ends a chunk. */
    private static String marker(String me, String id) {
      return "{\"msg_from\":\""
          + me
          + "\",\"msg_id\":\""
          + id
          + "\",\"msg_type\":\"FUZZ-MARK\",\"body\":[{}]}";
    }

    /** The MTC-001 answers that came before the marker's (and stragglers, briefly). */
    private List<JsonNode> collect(
        XmppClient client, String me, String marker, int expected, Pacer pacer) throws Exception {
      List<JsonNode> answers = new ArrayList<>();
      String second = marker + "-again";
      boolean markerSeen = false;
      boolean resent = false;
      long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        XmppClient.Received r = left > 0 ? client.next(Duration.ofNanos(left)) : null;
        if (r == null) {
          if (!markerSeen && !resent && client.isConnected()) {
            resent = true; // the marker itself may have been lost with its chunk: ask once more
            pacer.acquire();
            client.send(marker(me, second), null);
            deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
            continue;
          }
          return answers;
        }
        if (!r.type().equals("MTC-001")) {
          continue; // copies of other senders' messages, receipts, system messages
        }
        JsonNode body = r.envelope().path("body").path(0);
        String id = body.path("msg_id").asText();
        if (id.equals(marker) || id.equals(second)) {
          if (!markerSeen) {
            markerSeen = true;
            deadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(3));
          }
        } else {
          answers.add(body);
        }
        if (markerSeen && answers.size() >= expected) {
          return answers;
        }
      }
    }

    /** The answer to one msg_id, or null within the timeout. */
    private static JsonNode answerTo(XmppClient client, String msgId) throws InterruptedException {
      long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        XmppClient.Received r = client.next(Duration.ofNanos(deadline - System.nanoTime()));
        if (r != null && r.type().equals("MTC-001") && r.bodyText("msg_id").equals(msgId)) {
          return r.envelope().path("body").path(0);
        }
      }
      return null;
    }

    /**
     * Gives each answer to the input it answers: by msg_id where the answer names one (first the
     * inputs the server reads that msg_id from, then any input carrying it), the answers without a
     * msg_id in order to the inputs left, those without a readable msg_id first.
     */
    private List<JsonNode> attribute(List<Input> chunk, List<JsonNode> answers) {
      List<JsonNode> unattributed = new ArrayList<>();
      List<JsonNode> anonymous = new ArrayList<>();
      for (JsonNode a : answers) {
        String id = a.path("msg_id").asText();
        if (id.isEmpty()) {
          anonymous.add(a);
          continue;
        }
        Input to =
            chunk.stream()
                .filter(in -> in.answer == null && in.parsed.msgId().equals(id))
                .findFirst()
                .orElseGet(
                    () ->
                        chunk.stream()
                            .filter(
                                in ->
                                    in.answer == null
                                        && (in.text.contains(id)
                                            || in.text.contains(
                                                XmppClient.JSON
                                                    .getNodeFactory()
                                                    .textNode(id)
                                                    .toString())))
                            .findFirst()
                            .orElse(null));
        if (to == null) {
          unattributed.add(a);
        } else {
          to.answer = a;
        }
      }
      for (JsonNode a : anonymous) {
        // answers come in the order sent: the first input left that should get this code
        String code = a.path("result_detail").asText();
        Predicate<Input> nameless = in -> in.parsed.msgId().isEmpty();
        Input to =
            firstUnanswered(chunk, nameless.and(in -> code.equals(in.parsed.anonymousCode())))
                .or(
                    () ->
                        firstUnanswered(
                            chunk, nameless.and(in -> in.parsed.anonymousCode() == null)))
                .or(() -> firstUnanswered(chunk, nameless.and(in -> !in.text.isEmpty())))
                .or(() -> firstUnanswered(chunk, in -> true))
                .orElse(null);
        if (to == null) {
          unattributed.add(a);
        } else {
          to.answer = a;
        }
      }
      report.add("answers to no input of their chunk", unattributed.size());
      return unattributed;
    }

    /** The first input of the chunk still without an answer that matches. */
    private static Optional<Input> firstUnanswered(List<Input> chunk, Predicate<Input> matching) {
      return chunk.stream().filter(in -> in.answer == null && matching.test(in)).findFirst();
    }

    /** The properties of one answered (or unanswered) input. */
    private void judge(
        Input in,
        Map<String, String> state,
        Map<String, String> values,
        List<String> history,
        List<JsonNode> unattributed,
        String context) {
      if (!in.parsed.msgId().isEmpty()) {
        history.add(in.parsed.msgId());
      }
      if (in.answer == null) {
        report.count("unanswered");
        report.fail(
            "every envelope is answered",
            in.index,
            "no MTC-001 answer within "
                + ANSWER_TIMEOUT.toSeconds()
                + " s"
                + (unattributed.isEmpty()
                    ? ""
                    : "; answers of the chunk naming no input: " + unattributed),
            in.describe() + "\n" + context);
        return;
      }
      String result = in.answer.path("result").asText();
      String detail = in.answer.path("result_detail").asText();
      boolean ok = result.equals("ok") && detail.isEmpty();
      if (!ok && !(result.equals("fail") && CODES.contains(detail))) {
        report.fail(
            "an answer is ok or fail with a known code",
            in.index,
            "answer " + in.answer,
            in.describe());
      }
      report.count(ok ? "answered ok" : "answered fail");
      report.answered(ok ? "ok" : detail);
      if (detail.equals(ErrorCode.INTERNAL.code())) {
        report.count("error-025");
        report.fail(
            "no internal error (error-025)", in.index, "answered " + in.answer, in.describe());
      }
      if (detail.equals(ErrorCode.RATE_LIMITED.code())) {
        report.count("rate-limited (error-024, not a useful result)");
      }
      String msgId = in.answer.path("msg_id").asText();
      if (ok) {
        if (in.parsed.object() && in.parsed.from() != null && !in.parsed.from().equals(in.sender)) {
          report.fail(
              "a spoofed msg_from is refused",
              in.index,
              "accepted msg_from " + in.parsed.from(),
              in.describe());
        }
        if (in.parsed.object()
            && (SERVER_ONLY_TYPES.contains(in.parsed.type())
                || !CLIENT_TYPES.contains(in.parsed.type()))) {
          report.fail(
              "server-only and unknown types are refused",
              in.index,
              "accepted msg_type " + in.parsed.type(),
              in.describe());
        }
        okIds.computeIfAbsent(msgId, k -> ConcurrentHashMap.newKeySet()).add(in.sender);
        if (in.parsed.type() != null && STORING_TYPES.contains(in.parsed.type())) {
          storedOk.add(in);
        }
        learn(in, state, values, history);
      } else if (!msgId.isEmpty()) {
        refused.putIfAbsent(msgId, in);
      }
    }

    /** Accepted messages become what later seeds receipt, read or recall. */
    private void learn(
        Input in, Map<String, String> state, Map<String, String> values, List<String> history) {
      String type = in.parsed.type();
      String id = in.parsed.msgId();
      if (id.isEmpty() || type == null || !in.outcome().equals("ok")) {
        return;
      }
      if ((type.startsWith("MTT-00") || type.equals("MTB-001"))
          && values.get("peer").equals(in.parsed.to())) {
        state.put("mine", id);
      } else if (type.startsWith("MTS-00")) {
        state.put("mygroupmsg", id);
      }
    }

    /**
     * Nothing refused is stored: no refused msg_id (unless also accepted) is in tlim_message, and
     * every stored message from a fuzz sender was answered ok to that sender.
     */
    void checkStore() throws SQLException {
      Set<String> candidates = new HashSet<>(refused.keySet());
      candidates.removeAll(okIds.keySet());
      candidates.removeAll(f.fixtureIds);
      candidates.removeIf(id -> id.indexOf('\u0000') >= 0); // PostgreSQL text never holds NUL
      try (Connection db = TestEnvironment.database();
          var q =
              db.prepareStatement(
                  "select msg_id, msg_from, msg_type from tlim_message where msg_id = any(?)")) {
        List<String> list = new ArrayList<>(candidates);
        for (int at = 0; at < list.size(); at += 500) {
          q.setArray(
              1,
              db.createArrayOf(
                  "varchar", list.subList(at, Math.min(list.size(), at + 500)).toArray()));
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              Input in = refused.get(rs.getString(1));
              report.count("stored from refused input");
              report.fail(
                  "nothing refused is stored",
                  in.index,
                  "msg_id "
                      + rs.getString(1)
                      + " is stored (from "
                      + rs.getString(2)
                      + ", "
                      + rs.getString(3)
                      + ") though its answer was "
                      + in.answer,
                  in.describe());
            }
          }
        }
        report.add("refused msg_ids checked absent from tlim_message", candidates.size());
        // an ok to a message whose msg_id another user had stored stores nothing (docs/fuzz.md)
        Map<String, String> storedBy = new java.util.HashMap<>();
        List<String> okStoring;
        synchronized (storedOk) {
          okStoring = storedOk.stream().map(in -> in.parsed.msgId()).distinct().toList();
        }
        for (int at = 0; at < okStoring.size(); at += 500) {
          q.setArray(
              1,
              db.createArrayOf(
                  "varchar",
                  okStoring.subList(at, Math.min(okStoring.size(), at + 500)).toArray()));
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              storedBy.put(rs.getString(1), rs.getString(2));
            }
          }
        }
        synchronized (storedOk) {
          for (Input in : storedOk) {
            String owner = storedBy.get(in.parsed.msgId());
            if (owner == null) {
              report.count("ok for a message no longer stored (cleared or recalled by then)");
            } else if (!owner.equals(in.sender)) {
              // answering ok would tell the sender a message was stored that was not
              report.fail(
                  "an ok means stored",
                  in.index,
                  "answered ok, but msg_id "
                      + in.parsed.msgId()
                      + " is "
                      + owner
                      + "'s message; "
                      + in.sender
                      + "'s was neither stored nor delivered",
                  in.describe());
            }
          }
        }
        try (var rows =
            db.prepareStatement(
                "select msg_id, msg_from, msg_type from tlim_message where msg_from = any(?)")) {
          rows.setArray(1, db.createArrayOf("varchar", f.senders.toArray()));
          try (ResultSet rs = rows.executeQuery()) {
            while (rs.next()) {
              String id = rs.getString(1);
              report.count("stored messages of fuzz senders");
              if (f.fixtureIds.contains(id)) {
                continue;
              }
              Set<String> to = okIds.get(id);
              if (to == null || !to.contains(rs.getString(2))) {
                report.count("stored from refused input");
                Input in = carriers.get(id);
                report.fail(
                    "every stored message was answered ok to its sender",
                    in == null ? "unknown" : in.index,
                    "stored "
                        + rs.getString(3)
                        + " "
                        + id
                        + " from "
                        + rs.getString(2)
                        + " was answered ok to "
                        + (to == null ? "nobody" : to),
                    in == null ? "(no input carried this msg_id)" : in.describe());
              }
            }
          }
        }
      }
    }
  }

  private static final java.nio.file.Path SERVER_LOG =
      java.nio.file.Path.of(
          System.getProperty("it.server.base", "target/it/wildfly"), "log", "server.log");

  private static long serverLogSize() throws java.io.IOException {
    return java.nio.file.Files.exists(SERVER_LOG) ? java.nio.file.Files.size(SERVER_LOG) : 0;
  }

  /**
   * The service's component stream stayed up: the connector logs every time it finds it down
   * (Prosody closed it, or a stanza could not be written) and connects again, losing what was in
   * flight for every user.
   */
  /** Asserts that the corpus's seeds have every one of these kinds (types, operations). */
  private static <T> void assertCovers(
      List<T> seeds, Function<T, String> kind, Collection<String> all, String what) {
    Set<String> has = seeds.stream().map(kind).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(
        has.containsAll(all),
        "the corpus has "
            + what
            + "; missing "
            + all.stream().filter(k -> !has.contains(k)).toList()
            + ", it has "
            + has);
  }

  /**
   * What every run checks once its inputs are sent: the component stayed up and the directory is
   * sound; then it records how long the run took (the {@code phase}) and prints the figures.
   */
  private static void checkTheServerAfterwards(
      FuzzReport report, long log, long started, String phase) throws Exception {
    checkComponentStayedUp(report, log);
    checkDirectory(report);
    report.add(
        "seconds (" + phase + ")",
        (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    System.out.println(report.figures());
  }

  /** The report counts every unmutated seed input under {@code passed}. */
  private static void assertSeedsPassed(FuzzReport report, String passed, int seedInputs) {
    assertEquals(
        seedInputs, report.get(passed), "every seed input passed: " + report.failureSummaries());
  }

  /**
   * Every input was sent (the report counts them under {@code sent}) and the server both accepted
   * and refused some of them.
   */
  private static void assertAllSentSomeRefused(
      FuzzReport report, int inputs, String sent, String accepted, String refused) {
    assertEquals(inputs, report.get(sent), "every input was sent");
    assertTrue(
        report.get(accepted) > 0 && report.get(refused) > 0,
        "some inputs were accepted (" + accepted + ") and some refused (" + refused + ")");
  }

  private static void assertNoPropertyFailed(FuzzReport report) {
    assertEquals(
        0,
        report.failures(),
        report.failures()
            + " properties failed (seed "
            + SEED
            + "), the first: "
            + report.failureSummaries().stream().limit(10).toList());
  }

  private static void checkComponentStayedUp(FuzzReport report, long from)
      throws java.io.IOException {
    if (!java.nio.file.Files.exists(SERVER_LOG)) {
      report.count("server.log not found: component stream not checked");
      return;
    }
    byte[] all = java.nio.file.Files.readAllBytes(SERVER_LOG);
    String added =
        new String(
            all,
            (int) Math.min(from, all.length),
            all.length - (int) Math.min(from, all.length),
            StandardCharsets.UTF_8);
    int n = 0;
    for (String line : added.split("\n")) {
      if (line.contains("ComponentSupervisor") && line.contains(" is down ")) {
        report.count("component stream found down (server.log)");
        report.fail(
            "the service's XMPP component stream stays up",
            "server.log-" + n++,
            line.trim(),
            "(in " + SERVER_LOG + "; the inputs just before it are the suspects)");
      }
    }
    report.count("server.log checked for the component stream");
  }

  /**
   * Every user of the directory can be addressed over XMPP as {@code <id>@<domain>}: an id that is
   * no localpart (a {@code /}, an {@code @}, a space …) breaks the component stream whenever a
   * stanza goes to it, e.g. the presence probe after each start.
   */
  private static void checkDirectory(FuzzReport report) throws SQLException {
    try (Connection db = TestEnvironment.database();
        var st = db.createStatement();
        ResultSet rs = st.executeQuery("select user_id from tlim_user")) {
      while (rs.next()) {
        String id = rs.getString(1);
        report.count("directory users checked as XMPP localparts");
        boolean bad = id.isEmpty();
        for (int i = 0; i < id.length(); i++) {
          char c = id.charAt(i);
          bad |=
              Character.isWhitespace(c)
                  || Character.isSpaceChar(c)
                  || Character.isISOControl(c)
                  || "\"&'/:<>@".indexOf(c) >= 0;
        }
        if (bad) {
          report.fail(
              "every directory user is an XMPP localpart",
              "tlim_user",
              "user_id " + FuzzText.printable(id, 80) + " cannot be addressed over XMPP",
              "(a directory row: made by addUser)");
        }
      }
    }
  }

  /** Bytes of the stanza the body makes, roughly: quotes and markup escaped by Smack. */
  private static int estimatedStanzaBytes(String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    int escaped = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '<' || c == '>' || c == '&') {
        escaped++;
      }
    }
    return bytes + escaped * 5 + 512;
  }

  // ======================================================================== HTTP

  @Test
  @Order(2)
  void everyMutatedCallIsAnsweredCleanlyAndRefusedOnesChangeNothing() throws Exception {
    Assumptions.assumeTrue(HTTP_INPUTS > 0, "-Dfuzz.http=0");
    List<CallSeed> seeds = FuzzCorpus.calls();
    Set<String> documented = documentedOperations();
    assertTrue(documented.size() > 20, "the OpenAPI document lists the operations: " + documented);
    assertCovers(seeds, CallSeed::operation, documented, "a call of every documented operation");
    FuzzFixture f = fixture();
    FuzzReport report = new FuzzReport("http", SEED);
    long log = serverLogSize();
    long started = System.nanoTime();
    try (HttpRun run = new HttpRun(f, seeds, report)) {
      run.seedPass();
      run.fuzz(HTTP_INPUTS);
    }
    checkTheServerAfterwards(report, log, started, "seed calls and fuzz");

    // every seed call, unmutated, as GET, form POST and JSON POST, was accepted
    assertSeedsPassed(report, "seed calls accepted", seeds.size() * 3);
    assertAllSentSomeRefused(report, HTTP_INPUTS, "calls sent", "answered 2xx", "answered 4xx");
    assertTrue(
        report.get("refused calls checked for changes") > 0,
        "refused calls were checked for changes");
    assertNoPropertyFailed(report);
  }

  /** The /plugins/tlim operations of the served OpenAPI document that have a GET and a POST. */
  private static Set<String> documentedOperations() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(TestEnvironment.HTTP.resolve("/openapi?format=JSON"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode paths = XmppClient.JSON.readTree(r.body()).path("paths");
    Set<String> ops = new TreeSet<>();
    paths
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith("/plugins/tlim/")) {
                assertTrue(
                    e.getValue().has("get") && e.getValue().has("post"),
                    e.getKey() + " has a GET and a POST");
                ops.add(e.getKey().substring("/plugins/tlim/".length()));
              }
            });
    return ops;
  }

  /** An HTTP answer: status, content type, body bytes and, when it is JSON, the tree. */
  record Answer(int status, String contentType, byte[] body, JsonNode json) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The HTTP phase: one call at a time, so the database's state before and after is its own. */
  static final class HttpRun implements AutoCloseable {
    private static final String FINGERPRINT =
        "select"
            + " (select count(*) || '/' || coalesce(sum(hashtext(t::text)::bigint), 0) from tlim_user t),"
            + " (select count(*) || '/' || coalesce(sum(hashtext(t::text)::bigint), 0) from tlim_session t),"
            + " (select count(*) || '/' || coalesce(sum(hashtext(t::text)::bigint), 0) from tlim_member t),"
            + " (select count(*) || '/' || coalesce(max(id), 0) || '/' || count(*) filter (where recalled) from tlim_message),"
            + " (select count(*) || '/' || count(*) filter (where web_got) from tlim_inbox),"
            + " (select count(*) || '/' || coalesce(sum(hashtext(t::text)::bigint), 0) from tlim_announcement t),"
            + " (select count(*) || '/' || coalesce(sum(hashtext(t::text)::bigint), 0) from tlim_push_registration t),"
            + " (select count(*) from tlim_file)";
    private static final List<String> TABLES =
        List.of(
            "tlim_user",
            "tlim_session",
            "tlim_member",
            "tlim_message",
            "tlim_inbox",
            "tlim_announcement",
            "tlim_push_registration",
            "tlim_file");
    private static final List<String> EXTRA_PARAMS =
        List.of(
            "before_msg_id",
            "start",
            "length",
            "valid",
            "getThenClear",
            "msg_id",
            "users",
            "other_id",
            "session_pic",
            "registrationId",
            "id_",
            "title",
            "content",
            "params",
            "subscribers",
            "session_name",
            "session_type",
            "request_user",
            "user_id",
            "msg_to",
            "session_id",
            "user_name",
            "acct_login",
            "pic");

    private final FuzzFixture f;
    private final List<CallSeed> seeds;
    private final FuzzReport report;
    private final Random random = new Random(SEED * 7_919L + 17);
    private final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Connection db;
    private final CallMutator mutator;
    private final List<String> msgIds;
    private final List<String> groups = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean wrote;

    HttpRun(FuzzFixture f, List<CallSeed> seeds, FuzzReport report) throws SQLException {
      this.f = f;
      this.seeds = seeds;
      this.report = report;
      this.db = TestEnvironment.database();
      this.msgIds = new ArrayList<>(new TreeSet<>(f.fixtureIds));
      groups.addAll(f.httpGroups);
      groups.addAll(f.groups);
      groups.add(f.closedGroup);
      groups.add("no-such-group");
      Set<String> names = new TreeSet<>(EXTRA_PARAMS);
      seeds.forEach(s -> s.params().fieldNames().forEachRemaining(names::add));
      List<String> paramNames = List.copyOf(names);
      mutator =
          new CallMutator(
              random, new CallMutator.Pools(f.allUsers(), groups, msgIds, f.pubacts, paramNames));
    }

    /** Each seed unmutated, as GET, form POST and JSON POST: all accepted. */
    void seedPass() throws Exception {
      for (CallSeed seed : seeds) {
        for (Encoding encoding : Encoding.values()) {
          ObjectNode params = resolve(seed);
          Call call = mutator.plain(seed.operation(), params, token(seed), encoding);
          int approvals = approvals(seed.operation());
          Answer a = send(call);
          String index = "h.seed-" + seed.operation() + "-" + encoding;
          judge(index, call, a);
          if (a != null && a.status() / 100 == 2) {
            report.count("seed calls accepted");
            learn(seed.operation(), a);
            awaitApproval(index, call, approvals);
          } else {
            report.fail(
                "seed call accepted",
                index,
                "answered " + (a == null ? "nothing" : a.status() + " " + a.text()),
                call.render(4000));
          }
        }
      }
    }

    void fuzz(int calls) throws Exception {
      String before = fingerprint();
      java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
      for (int n = 0; n < calls; n++) {
        CallSeed seed = FuzzText.pick(random, seeds);
        wrote = false;
        ObjectNode params = resolve(seed);
        String token = token(seed);
        String other =
            TestEnvironment.bearer(
                TestEnvironment.userToken(
                    FuzzText.pick(
                        random, List.of(f.owner, f.member, f.outsider, f.offline.get(0)))));
        if (wrote) {
          before = fingerprint(); // the placeholders made a group, a user or an announcement
        }
        Call call =
            random.nextInt(100) < 6
                ? mutator.plain(
                    seed.operation(),
                    params,
                    token,
                    FuzzText.pick(random, List.of(Encoding.values())))
                : mutator.mutate(seed.operation(), params, token, other);
        int approvals = approvals(seed.operation());
        String index = "h." + n;
        Answer a = send(call);
        report.count("calls sent");
        judge(index, call, a);
        boolean accepted = a != null && a.status() / 100 == 2;
        if (accepted) {
          learn(seed.operation(), a);
          // HEAD runs the GET method, so it queues an approval too; OPTIONS runs none
          if (!call.method().equals("OPTIONS")) {
            awaitApproval(index, call, approvals);
          }
        }
        String after = fingerprint();
        if (!accepted && a != null) {
          report.count("refused calls checked for changes");
          if (!after.equals(before)) {
            Thread.sleep(300);
            after = fingerprint();
            report.count("refused calls that changed the database");
            report.fail(
                "a refused call changes nothing",
                index,
                "answered "
                    + a.status()
                    + " "
                    + FuzzText.printable(a.text(), 300)
                    + "; the database changed: "
                    + diff(before, after),
                render(call, a) + "\n---- the calls before:\n" + String.join("\n", recent));
          }
        }
        before = after;
        recent.addLast(
            index
                + ": "
                + call.method()
                + " "
                + call.path()
                + " "
                + call.mutations()
                + " → "
                + (a == null ? "none" : a.status()));
        if (recent.size() > 5) {
          recent.removeFirst();
        }
      }
    }

    private void judge(String index, Call call, Answer a) {
      if (a == null) {
        report.answered("no answer");
        report.fail(
            "every call is answered",
            index,
            "no HTTP answer (connection closed or timed out)",
            call.render(20_000));
        return;
      }
      int status = a.status();
      String code =
          a.json() != null && a.json().isObject() ? a.json().path("result_detail").asText("") : "";
      report.answered(
          status
              + (code.isEmpty() ? "" : " " + code)
              + (call.method().equals("HEAD") ? " (HEAD, no body)" : ""));
      report.count("answered " + status / 100 + "xx");
      if (status >= 500) {
        report.count("5xx");
        report.fail(
            "no 5xx",
            index,
            "answered " + status + " " + FuzzText.printable(a.text(), 500),
            render(call, a));
      }
      if (a.text().contains(ErrorCode.INTERNAL.code())) {
        report.count("error-025");
        report.fail("no internal error (error-025)", index, "answered " + status, render(call, a));
      }
      boolean head = call.method().equals("HEAD");
      if (call.method().equals("TRACE") && status == 405 && a.body().length == 0) {
        // WildFly's HTTP listener refuses TRACE (disallowed-methods) before any application
        report.count("TRACE refused by the HTTP listener (405, no body)");
        return;
      }
      if (status / 100 != 2 && !head) {
        String problem = failureShape(a);
        if (problem != null) {
          report.count("failures without the documented JSON shape");
          report.fail(
              "every failure has the documented JSON shape",
              index,
              status + ": " + problem,
              render(call, a));
        }
      }
      if (status / 100 == 2
          && a.json() != null
          && a.json().path("result").asText().equals("fail")) {
        report.fail(
            "a 2xx answer is never a failure", index, "answered " + status, render(call, a));
      }
      if (status / 100 == 2
          && (call.token() == TokenKind.INVALID || call.token() == TokenKind.NONE)) {
        report.fail(
            "nothing is served without a valid token",
            index,
            "answered " + status,
            render(call, a));
      }
    }

    /** Null when the answer is {result: fail, result_detail: error-0NN[, detail]} as JSON. */
    private static String failureShape(Answer a) {
      if (!a.contentType().toLowerCase().startsWith("application/json")) {
        return "content type '" + a.contentType() + "'";
      }
      JsonNode j = a.json();
      if (j == null || !j.isObject()) {
        return "body is not a JSON object: " + FuzzText.printable(a.text(), 200);
      }
      if (!j.path("result").asText().equals("fail")) {
        return "result is not fail: " + j;
      }
      String code = j.path("result_detail").asText();
      if (!CODE.matcher(code).matches() || !CODES.contains(code)) {
        return "result_detail is not a known error code: " + j;
      }
      if (j.has("detail") && !j.get("detail").isTextual()) {
        return "detail is not text: " + j;
      }
      Set<String> keys = new TreeSet<>();
      j.fieldNames().forEachRemaining(keys::add);
      keys.removeAll(Set.of("result", "result_detail", "detail"));
      return keys.isEmpty() ? null : "unexpected fields " + keys + ": " + j;
    }

    private static String render(Call call, Answer a) {
      return call.render(20_000)
          + "\n---- mutations: "
          + String.join("; ", call.mutations())
          + "\n---- answer: "
          + a.status()
          + " "
          + a.contentType()
          + "\n"
          + FuzzText.printable(a.text(), 4000);
    }

    private Answer send(Call call) throws InterruptedException {
      HttpRequest.Builder b;
      try {
        b =
            HttpRequest.newBuilder(
                    URI.create(
                        TestEnvironment.HTTP
                            + call.path()
                            + (call.query().isEmpty() ? "" : "?" + call.query())))
                .timeout(Duration.ofSeconds(60));
        for (String[] h : call.headers()) {
          b.header(h[0], h[1]);
        }
      } catch (IllegalArgumentException e) {
        report.count("calls the HTTP client cannot send");
        System.out.println(
            "FuzzIT: the HTTP client cannot send " + call.render(300) + ": " + e.getMessage());
        return new Answer(400, "application/json", new byte[0], null);
      }
      byte[] body = call.body();
      HttpRequest.BodyPublisher publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : call.chunked()
                  ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                  : HttpRequest.BodyPublishers.ofByteArray(body);
      b.method(call.method(), publisher);
      try {
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = r.body() == null ? new byte[0] : r.body();
        JsonNode json = null;
        try {
          json = bytes.length == 0 ? null : XmppClient.JSON.readTree(bytes);
        } catch (java.io.IOException e) {
          // not JSON: judged by the caller
        }
        return new Answer(
            r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), bytes, json);
      } catch (java.io.IOException e) {
        System.out.println("FuzzIT: " + call.method() + " " + call.path() + " failed: " + e);
        return null;
      }
    }

    /** The seed's parameters with its placeholders filled; fresh groups, users, notices made. */
    private ObjectNode resolve(CallSeed seed) {
      return (ObjectNode) FuzzCorpus.resolve(seed.params(), this::value);
    }

    private String token(CallSeed seed) {
      String subject = FuzzCorpus.resolve(seed.token(), this::value);
      return TestEnvironment.bearer(
          subject.equals("service")
              ? TestEnvironment.serviceToken()
              : TestEnvironment.userToken(subject));
    }

    private String value(String name) {
      try {
        return switch (name) {
          case "owner" -> f.owner;
          case "member" -> f.member;
          case "outsider" -> f.outsider;
          case "group" -> FuzzText.pick(random, f.httpGroups);
          case "pubact" -> f.pubacts.isEmpty() ? freshPubact() : FuzzText.pick(random, f.pubacts);
          case "msgid" -> f.pairMessage;
          case "groupmsgid" -> f.groupMessage;
          case "id" -> FuzzText.uuid(random);
          case "fresh_group" -> {
            wrote = true;
            String g = freshGroup();
            groups.add(g);
            yield g;
          }
          case "fresh_pubact" -> freshPubact();
          case "fresh_user" -> {
            wrote = true;
            yield FuzzFixture.user("fuzz-v-" + FuzzText.uuid(random).substring(0, 13));
          }
          default -> null;
        };
      } catch (Exception e) {
        throw new IllegalStateException("could not make {{" + name + "}}", e);
      }
    }

    private String freshPubact() throws Exception {
      wrote = true;
      return FuzzFixture.pubact(f.owner, freshGroup());
    }

    /**
     * A group of the owner and the member, who are added again if a fuzzed removeUser removed them.
     */
    private String freshGroup() throws Exception {
      try {
        return Groups.byService(f.owner, f.member);
      } catch (AssertionError removed) {
        report.count("owner and member added again (a fuzzed removeUser had removed one)");
        TestEnvironment.knownUsers(f.owner, f.member, f.outsider);
        return Groups.byService(f.owner, f.member);
      }
    }

    /** Groups and announcements a call made become values for later ones. */
    private void learn(String operation, Answer a) {
      if (a.json() == null) {
        return;
      }
      if (operation.equals("addSession")
          && a.json().path("session_id").isTextual()
          && groups.size() < 400) {
        groups.add(a.json().path("session_id").asText());
      } else if (operation.equals("addPubact")
          && a.json().path("id_").isNumber()
          && f.pubacts.size() < 400) {
        f.pubacts.add(a.json().path("id_").asText());
      }
    }

    private int approvals(String operation) throws SQLException {
      if (!operation.startsWith("approval")) {
        return -1;
      }
      try (var st = db.createStatement();
          ResultSet rs =
              st.executeQuery("select count(*) from tlim_message where msg_type = 'MTB-000'")) {
        rs.next();
        return rs.getInt(1);
      }
    }

    /** An accepted approval is stored by the queue's consumer soon after the answer. */
    private void awaitApproval(String index, Call call, int before) throws Exception {
      if (before < 0) {
        return;
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (approvals(call.operation()) <= before) {
        if (System.nanoTime() > deadline) {
          report.count("accepted approvals never stored");
          report.fail(
              "an accepted approval is stored",
              index,
              "no new MTB-000 within 15 s of the ok",
              call.render(4000));
          return;
        }
        Thread.sleep(50);
      }
      report.count("accepted approvals stored");
    }

    /** PostgreSQL's snapshot (xmin:xmax:in-progress ids) when the last fingerprint was taken. */
    private String fingerprintedAt = "";

    private String lastFingerprint;

    /**
     * The tables' fingerprint. Every transaction that writes gets a transaction id, so while the
     * snapshot (the next id to hand out, and the ids still running) stays the same no transaction
     * has ended, nothing was written, and the fingerprint taken then still holds: reading the
     * snapshot is cheap, hashing the tables is not.
     */
    private String fingerprint() throws SQLException {
      String next;
      try (var st = db.createStatement();
          ResultSet rs = st.executeQuery("select pg_current_snapshot()::text")) {
        rs.next();
        next = rs.getString(1);
      }
      if (next.equals(fingerprintedAt)) {
        report.count("fingerprints known unchanged (no transaction since)");
        return lastFingerprint;
      }
      lastFingerprint = hashTables();
      fingerprintedAt = next;
      return lastFingerprint;
    }

    private String hashTables() throws SQLException {
      try (var st = db.createStatement();
          ResultSet rs = st.executeQuery(FINGERPRINT)) {
        rs.next();
        StringBuilder out = new StringBuilder();
        for (int c = 1; c <= TABLES.size(); c++) {
          out.append(c > 1 ? " " : "")
              .append(TABLES.get(c - 1))
              .append('=')
              .append(rs.getString(c));
        }
        return out.toString();
      }
    }

    private static String diff(String before, String after) {
      List<String> a = List.of(before.split(" "));
      List<String> b = List.of(after.split(" "));
      List<String> changed = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).equals(b.get(i))) {
          changed.add(a.get(i) + " → " + b.get(i).substring(b.get(i).indexOf('=') + 1));
        }
      }
      return changed.toString();
    }

    @Override
    public void close() throws SQLException {
      db.close();
    }
  }
}
