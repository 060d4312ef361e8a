package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Streaming load for a fault test, and the reckoning afterwards. Pairs of users (a sender streaming
 * to its own recipient) run through the fault; then the senders stop, resend until everything is
 * answered ok, and send a marker each, and the recipients wait for their marker: a conversation's
 * copies are delivered in order, so once a marker is in, everything before it has been delivered or
 * left in the offline store. Then every answered envelope is looked up in the stored history
 * (exactly once), among the copies received live, and in the offline store.
 */
final class FaultScenario implements AutoCloseable {

  /** Seconds of load before and after a fault; {@code -Dfault.seconds} lengthens them. */
  static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("fault.seconds", 8));

  private static final Path REPORT =
      Path.of(System.getProperty("it.fault.dir", "target/fault"), "fault-report.md");

  /** What a fault did, as docs/reliability.md reports it. */
  record Figures(
      String fault,
      int sent,
      int attempts,
      int answeredOk,
      int stored,
      int storedTwice,
      int deliveredLive,
      int deliveredTwice,
      int inOfflineStoreOnly,
      int lost,
      Duration recovery,
      Map<String, Integer> failureAnswers) {

    String row() {
      return String.format(
          "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f s | %s |",
          fault,
          sent,
          attempts,
          answeredOk,
          stored,
          storedTwice,
          deliveredLive,
          deliveredTwice,
          inOfflineStoreOnly,
          lost,
          recovery.toMillis() / 1000.0,
          failureAnswers);
    }
  }

  private final String name;
  private final ServerProcess server;
  private final List<EnvelopeStream> streams = new ArrayList<>();
  private final List<Recipient> recipients = new ArrayList<>();

  private FaultScenario(String name, ServerProcess server) {
    this.name = name;
    this.server = server;
  }

  /** {@code pairs} sender/recipient pairs of fresh users, each sender at {@code perSecond}. */
  static FaultScenario start(String name, ServerProcess server, int pairs, double perSecond)
      throws Exception {
    FaultScenario scenario = new FaultScenario(name, server);
    String run = Envelopes.newId().substring(0, 6);
    for (int i = 0; i < pairs; i++) {
      String to = name + "-to" + i + "-" + run;
      String from = name + "-from" + i + "-" + run;
      for (String user : List.of(to, from)) {
        TestEnvironment.registerXmppUser(user, user + "pw");
      }
      scenario.recipients.add(Recipient.online(to));
      scenario.streams.add(EnvelopeStream.start(from, to, perSecond));
    }
    return scenario;
  }

  /**
   * Load, then SIGKILL to the server and a start again under the same load, then the reckoning;
   * recovery is from the kill to the first ok after it (the restart included).
   */
  Figures killAndRestart(String fault) throws Exception {
    Thread.sleep(PHASE.toMillis());
    long killed = System.nanoTime();
    server.kill();
    long down = System.nanoTime(); // answers in flight at the kill may still arrive before this
    Duration boot = server.start();
    Thread.sleep(PHASE.toMillis());
    long firstOk = firstOkAfter(down);
    Duration recovery =
        firstOk == Long.MAX_VALUE ? Duration.ofDays(1) : Duration.ofNanos(firstOk - killed);
    return finish(fault + " (restart took " + boot.toSeconds() + " s)", recovery);
  }

  /** The first pair's recipient (approval notices are sent to it). */
  Recipient firstRecipient() {
    return recipients.get(0);
  }

  /** The first ok answer after {@code since} (System.nanoTime), over all senders. */
  long firstOkAfter(long since) {
    return streams.stream().mapToLong(s -> s.firstOkAfter(since)).min().orElse(Long.MAX_VALUE);
  }

  /** Ok answers in [from, to). */
  int okBetween(long from, long to) {
    return streams.stream().mapToInt(s -> s.okBetween(from, to)).sum();
  }

  /** The first live copy after {@code since}, over all recipients. */
  long firstCopyAfter(long since) {
    return recipients.stream().mapToLong(r -> r.firstCopyAfter(since)).min().orElse(Long.MAX_VALUE);
  }

  /** Answers other than ok, by code, over all senders. */
  Map<String, Integer> failureAnswers() {
    Map<String, Integer> all = new TreeMap<>();
    streams.forEach(s -> s.failureCodes().forEach((k, v) -> all.merge(k, v, Integer::sum)));
    return all;
  }

  Duration longestFailAnswer() {
    return streams.stream()
        .map(EnvelopeStream::longestFailAnswer)
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  /**
   * Ends the load and reckons: every envelope answered ok is stored exactly once and reached its
   * recipient, live or in the offline store. Appends the figures to the fault report.
   */
  Figures finish(String fault, Duration recovery) throws Exception {
    streams.forEach(EnvelopeStream::stopSending);
    for (EnvelopeStream stream : streams) {
      stream.awaitAllAnswered(Duration.ofSeconds(120));
      assertNull(stream.broken(), "the load client itself failed");
    }
    for (int i = 0; i < streams.size(); i++) {
      String marker = streams.get(i).marker(Duration.ofSeconds(60));
      recipients.get(i).await(marker, Duration.ofSeconds(90));
    }
    int sent = 0,
        attempts = 0,
        ok = 0,
        stored = 0,
        storedTwice = 0,
        live = 0,
        liveTwice = 0,
        offlineOnly = 0;
    List<String> lost = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      EnvelopeStream stream = streams.get(i);
      Recipient recipient = recipients.get(i);
      Map<String, Integer> history = storedHistory(stream.user, recipient.user);
      Map<String, Integer> copies = recipient.received();
      Set<String> offline = offlineStore(recipient.user);
      List<String> answered = stream.answeredOk();
      sent += stream.sent();
      attempts += stream.attempts();
      ok += answered.size();
      for (String msgId : answered) {
        int times = history.getOrDefault(msgId, 0);
        if (times == 0) {
          lost.add(msgId);
          continue;
        }
        stored++;
        if (times > 1) {
          storedTwice++;
        }
        int copiesOf = copies.getOrDefault(msgId, 0);
        if (copiesOf > 0) {
          live++;
          if (copiesOf > 1) {
            liveTwice++;
          }
        } else if (offline.contains(msgId)) {
          offlineOnly++;
        } else {
          lost.add(msgId);
        }
      }
      Set<String> extra = new HashSet<>(history.keySet());
      extra.removeAll(answered);
      assertTrue(extra.isEmpty(), "stored but never answered ok: " + extra);
    }
    Figures figures =
        new Figures(
            fault,
            sent,
            attempts,
            ok,
            stored,
            storedTwice,
            live,
            liveTwice,
            offlineOnly,
            lost.size(),
            recovery,
            failureAnswers());
    report(figures);
    assertEquals(
        List.of(),
        lost,
        "answered ok, then lost (not stored, or neither delivered nor in the offline store)");
    assertEquals(0, storedTwice, "stored twice");
    assertEquals(sent, ok, "every envelope answered ok in the end");
    return figures;
  }

  /** The msg_ids of the pair's stored history, with how often each occurs. */
  private Map<String, Integer> storedHistory(String user, String peer) throws Exception {
    Map<String, Integer> ids = new HashMap<>();
    String before = null;
    while (true) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("session_id", peer);
      params.put("user_id", user);
      params.put("length", "1000");
      if (before != null) {
        params.put("before_msg_id", before);
      }
      Http.Answer page =
          Http.getAt(server.http(), TestEnvironment.serviceToken(), "findChatHistory", params);
      assertEquals(200, page.status(), page.json().toString());
      JsonNode list = page.json().path("message_list");
      for (JsonNode message : list) {
        if (message.path("msg_type").asText().equals("MTT-000")) {
          ids.merge(message.path("msg_id").asText(), 1, Integer::sum);
        }
        before = message.path("msg_id").asText();
      }
      if (list.size() < 1000) {
        return ids;
      }
    }
  }

  /** The msg_ids in a user's offline store (read, not cleared). */
  private Set<String> offlineStore(String user) throws Exception {
    Set<String> ids = new HashSet<>();
    offlineEntries(user).forEach(m -> ids.add(m.path("msg_id").asText()));
    return ids;
  }

  /** The entries of a user's offline store, oldest first (read, not cleared). */
  JsonNode offlineEntries(String user) throws Exception {
    Http.Answer answer =
        Http.getAt(
            server.http(),
            TestEnvironment.serviceToken(),
            "getOffline",
            Map.of("user_id", user, "getThenClear", "1", "length", "1000"));
    assertEquals(200, answer.status(), answer.json().toString());
    return answer.json().path("message_list");
  }

  /** A line of prose for the fault report, below its table. */
  static void note(String line) throws IOException {
    Path notes = REPORT.resolveSibling("fault-notes.md");
    Files.createDirectories(notes.getParent());
    Files.writeString(notes, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void report(Figures figures) throws IOException {
    System.out.println("FAULT " + figures.row());
    Files.createDirectories(REPORT.getParent());
    if (!Files.exists(REPORT)) {
      Files.writeString(
          REPORT,
          "| fault | sent | attempts | answered ok | stored | stored twice | delivered live | delivered twice | offline store only | lost | recovery | other answers |\n"
              + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    }
    Files.writeString(REPORT, figures.row() + "\n", StandardOpenOption.APPEND);
  }

  @Override
  public void close() throws Exception {
    for (EnvelopeStream stream : streams) {
      stream.close();
    }
    for (Recipient recipient : recipients) {
      recipient.close();
    }
  }
}
