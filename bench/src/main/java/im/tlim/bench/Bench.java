package im.tlim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Sends the same messages between the same Smack clients twice — directly user to user through
 * Prosody, and through the tlim service — and reports both rates, their ratio, the latencies, and
 * whether every message answered {@code ok} is in PostgreSQL. bench/run.sh starts the services and
 * passes their ports as {@code key=value} arguments.
 */
public final class Bench {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Latencies are recorded in microseconds; anything slower than a minute is clamped. */
  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

  /** A phase gives up when nothing arrives for this long (and reports what is missing). */
  private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** Pads the envelope to about 260 bytes of UTF-8, a typical short chat message. */
  private static final String PAD = "x".repeat(40);

  private final Map<String, String> args;
  private final int pairs;
  private final int runs;
  private final long phaseNanos;
  private final int warmup;
  private final int window;
  private final int latencySeconds;
  private final String domain;
  private final Jid service;

  /** The do-nothing relay component ({@link Relay}), or null when run.sh started none. */
  private final Jid relay;

  /** Prosody's archiving host (mod_mam on PostgreSQL), or null when run.sh set none up. */
  private final String peerDomain;

  private final List<BenchClient> senders = new ArrayList<>();
  private final List<BenchClient> receivers = new ArrayList<>();
  private final List<BenchClient> peerSenders = new ArrayList<>();
  private final List<BenchClient> peerReceivers = new ArrayList<>();
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private final Cpu cpu;
  private Connection db;

  /** Prosody's own database, for the archive check; null without the peer. */
  private Connection archive;

  private volatile Run current;

  private Bench(Map<String, String> args) throws IOException {
    this.args = args;
    this.pairs = Integer.parseInt(args.getOrDefault("pairs", "4"));
    this.runs = Integer.parseInt(args.getOrDefault("runs", "1"));
    this.phaseNanos =
        TimeUnit.SECONDS.toNanos(Integer.parseInt(args.getOrDefault("phase-seconds", "15")));
    this.warmup = Integer.parseInt(args.getOrDefault("warmup", "150"));
    this.window = Integer.parseInt(args.getOrDefault("window", "50"));
    this.latencySeconds = Integer.parseInt(args.getOrDefault("latency-seconds", "15"));
    this.domain = args.getOrDefault("domain", "bench.local");
    this.service = JidCreate.from(args.getOrDefault("component", "tlim") + "." + domain);
    this.relay =
        args.containsKey("relay") ? JidCreate.from(args.get("relay") + "." + domain) : null;
    this.peerDomain = args.get("peer");
    this.cpu = new Cpu(args.getOrDefault("cpu", ""));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are key=value: " + a);
      }
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    int status = new Bench(args).run();
    System.exit(status); // Smack's threads would keep the JVM alive
  }

  private int run() throws Exception {
    int c2s = Integer.parseInt(args.get("c2s"));
    db =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + args.get("pg") + "/tlim", "tlim", "tlim");
    for (int i = 0; i < pairs; i++) {
      senders.add(BenchClient.login(i, "bench" + i, domain, c2s, service, this::onMessage));
      receivers.add(
          BenchClient.login(i, "bench" + (pairs + i), domain, c2s, service, this::onMessage));
    }
    // only receivers announce: the service then delivers copies to them; senders get their
    // MTC-001 answers anyway (sent to the sending resource)
    for (BenchClient r : receivers) {
      r.announce(service, 120);
    }
    if (peerDomain != null) {
      for (int i = 0; i < pairs; i++) {
        peerSenders.add(
            BenchClient.login(i, "bench" + i, peerDomain, c2s, service, this::onMessage));
        peerReceivers.add(
            BenchClient.login(i, "bench" + (pairs + i), peerDomain, c2s, service, this::onMessage));
      }
      archive =
          DriverManager.getConnection(
              "jdbc:postgresql://127.0.0.1:" + args.get("pg") + "/prosody", "tlim", "tlim");
    }
    log(
        "%d pairs logged in; receivers online for %s%s",
        pairs, service, peerDomain == null ? "" : "; and on " + peerDomain);

    List<Run> all = new ArrayList<>();
    all.add(phase("warm-up direct", Route.DIRECT, warmup, 0));
    if (relay != null) {
      all.add(phase("warm-up relay", Route.RELAY, warmup, 0));
    }
    if (peerDomain != null) {
      all.add(phase("warm-up peer", Route.PEER, warmup, 0));
    }
    all.add(warmUpService());
    // the measured throughput phases, repeated: each sends for phase-seconds, as fast as the
    // window allows, so a phase lasts as long whatever the path's rate
    List<Round> rounds = new ArrayList<>();
    for (int r = 1; r <= runs; r++) {
      Round round = new Round(r);
      String n = runs == 1 ? "" : " (run " + r + ")";
      round.direct = timed("direct" + n, Route.DIRECT);
      round.relay = relay == null ? null : timed("relay" + n, Route.RELAY);
      round.peer = peerDomain == null ? null : timed("peer" + n, Route.PEER);
      round.service = timed("service" + n, Route.SERVICE);
      all.addAll(round.throughput());
      rounds.add(round);
    }
    // half of tlim's median rate, the same offered load in every run, spread over the senders
    double halfRate = median(rounds.stream().mapToDouble(x -> x.service.rate()).toArray()) / 2;
    long interval = (long) (1e9 * pairs / Math.max(halfRate, 1));
    int paced = (int) Math.max(1, latencySeconds * 1e9 / interval);
    // the JIT compiles the light-load paths (small batches, single messages) only when they
    // run: warm them up at the same pace first, or the half-load phase measures compiling
    int pacedWarmUp = (int) Math.max(1, Math.min(paced, 10 * 1e9 / interval));
    all.add(phase("warm-up at half load", Route.SERVICE, pacedWarmUp, interval));
    for (Round round : rounds) {
      String n = runs == 1 ? "" : " (run " + round.number + ")";
      round.halfService = phase("service at half load" + n, Route.SERVICE, paced, interval);
      round.halfDirect = phase("direct at the same load" + n, Route.DIRECT, paced, interval);
      round.halfPeer =
          peerDomain == null
              ? null
              : phase("peer at the same load" + n, Route.PEER, paced, interval);
      all.addAll(round.halfLoad());
    }

    Stored stored = stored(all);
    Path out = Path.of(args.getOrDefault("out", "bench-results.md"));
    String report = report(all, rounds, halfRate, paced, stored, out);
    Files.writeString(out, report);
    log("wrote %s", out);
    for (BenchClient c : senders) c.close();
    for (BenchClient c : receivers) c.close();
    for (BenchClient c : peerSenders) c.close();
    for (BenchClient c : peerReceivers) c.close();
    db.close();
    if (archive != null) archive.close();
    boolean complete =
        all.stream().allMatch(Run::complete)
            && stored.answeredNotStored == 0
            && all.stream().allMatch(Run::archivedAll);
    return complete ? 0 : 1;
  }

  /** One run's measured phases; the paths of the same run are compared with each other. */
  private static final class Round {
    final int number;
    Run direct;
    Run relay;
    Run peer;
    Run service;
    Run halfService;
    Run halfDirect;
    Run halfPeer;

    Round(int number) {
      this.number = number;
    }

    List<Run> throughput() {
      return java.util.stream.Stream.of(direct, relay, peer, service)
          .filter(java.util.Objects::nonNull)
          .toList();
    }

    List<Run> halfLoad() {
      return java.util.stream.Stream.of(halfService, halfDirect, halfPeer)
          .filter(java.util.Objects::nonNull)
          .toList();
    }
  }

  /** A throughput phase that sends for phase-seconds, each sender as fast as its window allows. */
  private Run timed(String name, Route route) throws Exception {
    return phase(name, route, Integer.MAX_VALUE, 0, phaseNanos);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /**
   * Warms the service up until WildFly's JIT compilers have (nearly) finished: rounds of {@code
   * warmup} messages per sender until a round in which the compiler threads used under 10% of a
   * core, or {@code warmup-seconds} have passed. Measured before that, the service's numbers are
   * mostly the C2 compiler's CPU (half a core and more in the first minute).
   *
   * @return the last round, which the report lists with the number of rounds
   */
  private Run warmUpService() throws Exception {
    long jvm = Long.parseLong(args.getOrDefault("jvm", "0"));
    long deadline =
        System.nanoTime()
            + (long) (Integer.parseInt(args.getOrDefault("warmup-seconds", "60")) * 1e9);
    int round = 0;
    while (true) {
      round++;
      long compilerBefore = compilerTicks(jvm);
      long before = System.nanoTime();
      Run run = phase("warm-up service", Route.SERVICE, warmup, 0);
      double compilerShare =
          (compilerTicks(jvm) - compilerBefore) / 100.0 / ((System.nanoTime() - before) / 1e9);
      log(
          "warm-up round %d: WildFly's JIT compilers used %.0f%% of a core",
          round, 100 * compilerShare);
      warmUpRounds = round;
      if (jvm == 0 || compilerShare < 0.10 || System.nanoTime() > deadline) {
        return run;
      }
    }
  }

  private int warmUpRounds;
  private int phases;

  /** CPU ticks of the JVM's JIT compiler threads so far (0 when the pid is unknown). */
  private static long compilerTicks(long jvm) {
    if (jvm == 0) {
      return 0;
    }
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/" + jvm + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (name.contains("CompilerThre")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended while we looked
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks;
  }

  /** One phase: every sender sends {@code count} messages to its receiver, then we wait. */
  private Run phase(String name, Route route, int count, long intervalNanos) throws Exception {
    // a paced phase stops sending a little after its schedule's end, so a path that cannot keep
    // up with the offered load (the archiving peer) does not stretch the phase for minutes
    long sendFor = intervalNanos == 0 ? 0 : count * intervalNanos + TimeUnit.SECONDS.toNanos(2);
    return phase(name, route, count, intervalNanos, sendFor);
  }

  /**
   * One phase: every sender sends to its receiver until it has sent {@code count} messages or
   * {@code sendNanos} have passed (0: no time limit), then we wait for all of them.
   */
  private Run phase(String name, Route route, int count, long intervalNanos, long sendNanos)
      throws Exception {
    Run run = new Run(name, route, count, intervalNanos, sendNanos);
    current = run;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      int pair = i;
      Thread t = new Thread(() -> send(run, pair, go), "sender-" + i);
      t.start();
      threads.add(t);
    }
    long[] cpuBefore = cpu.sample();
    long[] dbBefore = dbStats();
    run.start = System.nanoTime();
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    run.awaitCompletion();
    run.cpu = cpu.usage(cpuBefore, cpu.sample());
    long[] dbAfter = dbStats();
    for (int i = 0; i < dbAfter.length; i++) {
      run.dbWork[i] = dbAfter[i] - dbBefore[i];
    }
    if (route == Route.PEER) {
      archived(run);
    }
    log("%-24s %s", name, run.summary());
    return run;
  }

  private void send(Run run, int pair, CountDownLatch go) {
    BenchClient from = (run.route == Route.PEER ? peerSenders : senders).get(pair);
    BenchClient to = (run.route == Route.PEER ? peerReceivers : receivers).get(pair);
    Jid address = run.via() == null ? to.jid : run.via();
    try {
      go.await();
      for (int k = 0;
          k < run.perSender
              && (run.sendNanos == 0 || System.nanoTime() - run.start < run.sendNanos);
          k++) {
        if (run.intervalNanos > 0) {
          // paced: a fixed schedule, so a slow moment is followed by a catch-up burst rather
          // than silently lowering the offered load; senders are staggered so the messages
          // arrive evenly spaced, not in bursts of one per sender
          long due = run.start + k * run.intervalNanos + pair * run.intervalNanos / pairs;
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        if (!run.windows[pair].tryAcquire(30, TimeUnit.SECONDS)) {
          run.problems.add(
              from.user + " stalled: no answer freed its window for 30 s after " + k + " messages");
          return;
        }
        String id = run.tag + "." + pair + "." + k;
        long sent = System.nanoTime();
        if (run.route.answers()) {
          run.unanswered.put(id, sent);
        }
        from.send(address, envelope(from.user, to.user, id, sent));
        run.sent[pair] = k + 1;
      }
    } catch (Exception e) {
      run.problems.add(from.user + " could not send: " + e);
    }
  }

  /** The same envelope for both paths; the send time rides in the text for the receiver. */
  static String envelope(String from, String to, String id, long sentNanos) {
    return envelope(from, to, id, "MTT-000", "[{\"text\":\"sent " + sentNanos + " " + PAD + "\"}]");
  }

  /** An envelope of the protocol (SPEC §2) with this type and body (a JSON array). */
  public static String envelope(String from, String to, String id, String type, String body) {
    return "{\"compress\":\"0\",\"encode\":\"1\",\"encrypt\":\"0\",\"version\":\"2.0.0\",\"msg_from\":\""
        + from
        + "\",\"msg_to\":\""
        + to
        + "\",\"msg_id\":\""
        + id
        + "\",\"msg_type\":\""
        + type
        + "\",\"msg_time\":\""
        + System.currentTimeMillis()
        + "\",\"body\":"
        + body
        + "}";
  }

  private void onMessage(BenchClient client, Message message, long now) {
    Run run = current;
    JsonNode envelope;
    try {
      envelope = JSON.readTree(message.getBody());
    } catch (IOException e) {
      if (run != null)
        run.problems.add("unparsable body to " + client.user + ": " + message.getBody());
      return;
    }
    if (run == null) {
      return;
    }
    Jid from = message.getFrom();
    boolean fromComponent = service.equals(from) || (relay != null && relay.equals(from));
    switch (envelope.path("msg_type").asText()) {
      case "MTC-001" -> run.answered(envelope.path("body").path(0), now);
      case "MTT-000" -> {
        if (run.via() == null ? !fromComponent : run.via().equals(from)) {
          run.received(client.pair, envelope, now);
        } else {
          run.strays.incrementAndGet();
        }
      }
      default -> {} // MTT-102 "session created" and the like
    }
  }

  /** How a phase's messages travel from sender to receiver. */
  private enum Route {
    /** user to user through Prosody */
    DIRECT,
    /** through the do-nothing relay component: answered, forwarded, not stored */
    RELAY,
    /** through tlim: answered once stored, then delivered */
    SERVICE,
    /** user to user through Prosody's archiving host: mod_mam stores it in PostgreSQL first */
    PEER;

    /** Whether senders get an MTC-001 answer, which frees their window. */
    boolean answers() {
      return this == RELAY || this == SERVICE;
    }
  }

  /** What happened in one phase. Updated from Smack's listener threads and the senders. */
  private final class Run {
    final String name;
    final String tag;
    final Route route;
    final int perSender;
    final long intervalNanos;
    final long sendNanos;
    final int[] sent = new int[pairs];

    /** The peer's archive rows for this phase's messages: the senders' and the receivers'. */
    long archivedOutgoing = -1;

    long archivedIncoming = -1;
    final Semaphore[] windows = new Semaphore[pairs];
    final Set<String> seen = ConcurrentHashMap.newKeySet();
    final Map<String, Long> unanswered = new ConcurrentHashMap<>();
    final Set<String> answeredOk = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger strays = new AtomicInteger();
    final AtomicLong lastReceived = new AtomicLong();
    final Histogram latency = new ConcurrentHistogram(MAX_MICROS, 3);
    final Histogram answerLatency = new ConcurrentHistogram(MAX_MICROS, 3);
    final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    volatile long start;
    Map<String, Double> cpu = Map.of();
    final long[] dbWork = new long[DB_STATS.length];

    Run(String name, Route route, int perSender, long intervalNanos, long sendNanos) {
      this.name = name;
      // distinct per phase, also for repeated warm-up rounds: a reused msg_id is a resend
      this.tag = runId + "-" + (++phases) + name.replaceAll("[^a-z]+", "");
      this.route = route;
      this.perSender = perSender;
      this.intervalNanos = intervalNanos;
      this.sendNanos = sendNanos;
      for (int i = 0; i < pairs; i++) {
        windows[i] = new Semaphore(window);
      }
    }

    /** What the senders sent (read after they have finished). */
    int expected() {
      return java.util.Arrays.stream(sent).sum();
    }

    /** On the peer, whether every message sent is in both archives (true on other paths). */
    boolean archivedAll() {
      return route != Route.PEER
          || (archivedOutgoing == expected() && archivedIncoming == expected());
    }

    /** The component the messages go through, or null for direct. */
    Jid via() {
      return switch (route) {
        case DIRECT, PEER -> null;
        case RELAY -> relay;
        case SERVICE -> service;
      };
    }

    void received(int pair, JsonNode envelope, long now) {
      String id = envelope.path("msg_id").asText();
      if (!id.startsWith(tag + ".")) {
        strays.incrementAndGet();
        return;
      }
      if (!seen.add(id)) {
        duplicates.incrementAndGet();
        return;
      }
      lastReceived.accumulateAndGet(now, Math::max);
      String text = envelope.path("body").path(0).path("text").asText();
      long sent = Long.parseLong(text.substring(5, text.indexOf(' ', 5)));
      latency.recordValue(Math.min(MAX_MICROS, (now - sent) / 1000));
      if (!route.answers()) {
        windows[pair].release(); // direct: the receiver's receipt frees the sender's window
      }
    }

    void answered(JsonNode answer, long now) {
      String id = answer.path("msg_id").asText();
      Long sent = unanswered.remove(id);
      if (sent == null) {
        strays.incrementAndGet();
        return;
      }
      answerLatency.recordValue(Math.min(MAX_MICROS, (now - sent) / 1000));
      if ("ok".equals(answer.path("result").asText())) {
        answeredOk.add(id);
      } else {
        failures
            .computeIfAbsent(answer.path("result_detail").asText(), k -> new AtomicInteger())
            .incrementAndGet();
      }
      windows[Integer.parseInt(id.substring(tag.length() + 1, id.lastIndexOf('.')))].release();
    }

    int answers() {
      return answeredOk.size() + failures.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    boolean complete() {
      return seen.size() == expected()
          && (!route.answers() || answeredOk.size() == expected())
          && problems.isEmpty();
    }

    void awaitCompletion() throws InterruptedException {
      long progressAt = System.nanoTime();
      int progress = -1;
      while (seen.size() < expected() || (route.answers() && answers() < expected())) {
        int now = seen.size() + answers();
        if (now != progress) {
          progress = now;
          progressAt = System.nanoTime();
        } else if (System.nanoTime() - progressAt > STALL_NANOS) {
          problems.add("gave up waiting: nothing arrived for 30 s");
          return;
        }
        Thread.sleep(20);
      }
    }

    double seconds() {
      return (lastReceived.get() - start) / 1e9;
    }

    /** Messages received per second, from the first send to the last receipt. */
    double rate() {
      return seen.isEmpty() ? 0 : seen.size() / seconds();
    }

    String summary() {
      return String.format(
          "%6d received in %6.2f s = %7.0f msg/s; latency ms p50 %s p99 %s max %s%s%s",
          seen.size(),
          seconds(),
          rate(),
          ms(latency, 50),
          ms(latency, 99),
          ms(latency, 100),
          route.answers()
              ? String.format(
                  "; answers ok %d fail %d missing %d",
                  answeredOk.size(), answers() - answeredOk.size(), expected() - answers())
              : "",
          problems.isEmpty() ? "" : "; PROBLEMS: " + problems);
    }
  }

  /** What PostgreSQL did for the service, per phase: it shows the cost of one message. */
  private static final String[] DB_STATS = {
    "xact_commit", "tup_inserted", "tup_updated", "tup_fetched", "wal_records", "wal_sync"
  };

  /**
   * The counters of {@link #DB_STATS}. PostgreSQL publishes a busy backend's counts about once a
   * second, so a phase's numbers are good to a second's worth of messages.
   */
  private long[] dbStats() throws Exception {
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                // tlim's database and the archiving peer's; pg_stat_wal is one row for all
                "select "
                    + java.util.Arrays.stream(DB_STATS)
                        .map(c -> (c.startsWith("wal_") ? "max(" : "sum(") + c + ")")
                        .collect(Collectors.joining(", "))
                    + " from pg_stat_database, pg_stat_wal"
                    + " where datname in (current_database(), 'prosody')")) {
      rs.next();
      long[] values = new long[DB_STATS.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getLong(i + 1);
      }
      return values;
    }
  }

  /**
   * Counts the rows Prosody's mod_mam wrote to {@code prosodyarchive} for this phase's messages
   * (the phase's tag is in every body): with {@code default_archive_policy = true} each message is
   * archived twice, in the sender's archive (outgoing) and in the receiver's (incoming).
   */
  private void archived(Run run) throws Exception {
    Set<String> from = new HashSet<>();
    peerSenders.forEach(c -> from.add(c.user));
    try (var st =
        archive.prepareStatement(
            "select \"user\" = any(?), count(*) from prosodyarchive"
                + " where host = ? and store = 'archive' and value like ? group by 1")) {
      st.setArray(1, archive.createArrayOf("text", from.toArray()));
      st.setString(2, peerDomain);
      st.setString(3, "%" + run.tag + ".%");
      run.archivedOutgoing = 0;
      run.archivedIncoming = 0;
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          if (rs.getBoolean(1)) {
            run.archivedOutgoing = rs.getLong(2);
          } else {
            run.archivedIncoming = rs.getLong(2);
          }
        }
      }
    }
  }

  private record Stored(long rows, int answeredOk, int answeredNotStored) {}

  /** Every message answered ok must be a row of tlim_message: that is the service's promise. */
  private Stored stored(List<Run> runs) throws Exception {
    Set<String> ok = new HashSet<>();
    runs.stream().filter(r -> r.route == Route.SERVICE).forEach(r -> ok.addAll(r.answeredOk));
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("select msg_id from tlim_message")) {
      Set<String> rows = new HashSet<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      int notStored = (int) ok.stream().filter(id -> !rows.contains(id)).count();
      return new Stored(rows.size(), ok.size(), notStored);
    }
  }

  private String report(
      List<Run> runs, List<Round> rounds, double halfRate, int paced, Stored stored, Path out)
      throws IOException {
    StringBuilder md = new StringBuilder();
    String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    String base = out.getFileName().toString().replaceFirst("\\.md$", "");
    md.append("# tlim benchmark, ")
        .append(when)
        .append(" (")
        .append(args.getOrDefault("mode", "quick"))
        .append(")\n\n");
    md.append("`bench/run.sh")
        .append(args.getOrDefault("command", ""))
        .append("`: ")
        .append(pairs)
        .append(" sender/receiver pairs, ")
        .append(rounds.size())
        .append(rounds.size() == 1 ? " run" : " runs")
        .append(" of the measured phases, each sending for ")
        .append(TimeUnit.NANOSECONDS.toSeconds(phaseNanos))
        .append(" s. Every figure is the median over the runs, with min–max beside it. ")
        .append("See [README.md](README.md) for what each number means.\n\n");

    md.append("## Result\n\n");
    md.append("| | median | min–max over the runs | target |\n|---|---:|---:|---|\n");
    row(md, "direct (Prosody only), msg/s", rounds, r -> r.direct.rate(), "%.0f", "");
    if (relay != null) {
      row(md, "do-nothing relay, msg/s", rounds, r -> r.relay.rate(), "%.0f", "");
    }
    if (peerDomain != null) {
      row(
          md,
          "archiving peer (Prosody + mod_mam on PostgreSQL), msg/s",
          rounds,
          r -> r.peer.rate(),
          "%.0f",
          "");
    }
    row(md, "**through tlim**, msg/s", rounds, r -> r.service.rate(), "%.0f", "");
    if (relay != null) {
      double m = median(values(rounds, r -> r.service.rate() / r.relay.rate()));
      row(
          md,
          "**tlim ÷ relay**",
          rounds,
          r -> r.service.rate() / r.relay.rate(),
          "%.3f",
          "≥ 0.8: " + (m >= 0.8 ? "met" : "**not met**"));
    }
    if (peerDomain != null) {
      double m = median(values(rounds, r -> r.service.rate() / r.peer.rate()));
      row(
          md,
          "**tlim ÷ archiving peer**",
          rounds,
          r -> r.service.rate() / r.peer.rate(),
          "%.2f",
          "≥ 5: " + (m >= 5 ? "met" : "**not met**"));
    }
    row(md, "tlim ÷ direct", rounds, r -> r.service.rate() / r.direct.rate(), "%.3f", "");
    if (relay != null) {
      row(md, "relay ÷ direct", rounds, r -> r.relay.rate() / r.direct.rate(), "%.3f", "");
    }
    md.append(
        String.format(
            "| offered half load (half of tlim's median rate), msg/s | %.0f | | |%n", halfRate));
    row(
        md,
        "achieved at half load through tlim, msg/s",
        rounds,
        r -> r.halfService.rate(),
        "%.0f",
        "");
    double p99 =
        median(values(rounds, r -> r.halfService.latency.getValueAtPercentile(99) / 1000.0));
    row(
        md,
        "**p99 at half load through tlim**, ms",
        rounds,
        r -> r.halfService.latency.getValueAtPercentile(99) / 1000.0,
        "%.1f",
        "< 50 ms: " + (p99 < 50 ? "met" : "**not met**"));
    row(
        md,
        "p99 at the same load, direct, ms",
        rounds,
        r -> r.halfDirect.latency.getValueAtPercentile(99) / 1000.0,
        "%.1f",
        "");
    if (peerDomain != null) {
      row(
          md,
          "achieved at the same load by the peer, msg/s",
          rounds,
          r -> r.halfPeer.rate(),
          "%.0f",
          "");
      row(
          md,
          "p99 at the same load, archiving peer, ms",
          rounds,
          r -> r.halfPeer.latency.getValueAtPercentile(99) / 1000.0,
          "%.1f",
          "");
    }
    md.append('\n');

    md.append("Latency in ms, p50 / p90 / p99 / max, all runs' messages together:\n\n");
    md.append(
        "| path | at full load | at half load | send → MTC-001 ok at full load | at half load |\n|---|---|---|---|---|\n");
    latencyRow(md, "direct", rounds, r -> r.direct, r -> r.halfDirect);
    if (relay != null) {
      latencyRow(md, "do-nothing relay", rounds, r -> r.relay, r -> null);
    }
    if (peerDomain != null) {
      latencyRow(md, "archiving peer", rounds, r -> r.peer, r -> r.halfPeer);
    }
    latencyRow(md, "through tlim", rounds, r -> r.service, r -> r.halfService);
    md.append('\n');
    Path dir = out.toAbsolutePath().getParent();
    throughputChart(dir.resolve(base + "-throughput.png"), rounds);
    latencyChart(dir.resolve(base + "-latency.png"), rounds, halfRate);
    csv(dir.resolve(base + ".csv"), rounds);
    md.append("![throughput per path](").append(base).append("-throughput.png)\n");
    md.append("![latency CDF at half load](").append(base).append("-latency.png)\n\n");
    md.append("Per run and phase: [")
        .append(base)
        .append(".csv](")
        .append(base)
        .append(".csv).\n\n");

    if (peerDomain != null) {
      md.append("## The peer archived every message\n\n");
      md.append("Rows of `prosodyarchive` (host `")
          .append(peerDomain)
          .append("`, store `archive`) whose stanza carries the phase's message ids. ")
          .append(
              "Each message is archived twice: in the sender's archive and in the receiver's.\n\n");
      md.append(
          "| phase | sent | in senders' archives | in receivers' archives |\n|---|---:|---:|---:|\n");
      for (Run r : runs) {
        if (r.route == Route.PEER) {
          md.append(
              String.format(
                  "| %s | %d | %d | %d |%n",
                  r.name, r.expected(), r.archivedOutgoing, r.archivedIncoming));
        }
      }
      md.append('\n');
    }

    md.append("## Every answered message is stored\n\n");
    int fails =
        runs.stream()
            .filter(r -> r.route == Route.SERVICE)
            .mapToInt(r -> r.answers() - r.answeredOk.size())
            .sum();
    int missing =
        runs.stream()
            .filter(r -> r.route == Route.SERVICE)
            .mapToInt(r -> r.expected() - r.answers())
            .sum();
    md.append(
        String.format(
            "- envelopes sent to tlim: %d; answered `ok`: %d; answered `fail`: %d%s; unanswered: %d%n",
            runs.stream().filter(r -> r.route == Route.SERVICE).mapToInt(Run::expected).sum(),
            stored.answeredOk,
            fails,
            failureDetails(runs),
            missing));
    md.append(
        String.format(
            "- rows in `tlim_message` afterwards (every warm-up round's too): %d; answered `ok` but not stored: **%d**%n",
            stored.rows, stored.answeredNotStored));
    md.append(
        String.format(
            "- copies missing at receivers: %d; duplicates: %d; stray messages: %d%n%n",
            runs.stream().mapToInt(r -> r.expected() - r.seen.size()).sum(),
            runs.stream().mapToInt(r -> r.duplicates.get()).sum(),
            runs.stream().mapToInt(r -> r.strays.get()).sum()));

    md.append("## Phases\n\n");
    md.append("CPU is the time each process tree used during the phase, in % of one core ")
        .append("(the machine has ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, so ")
        .append(100 * Runtime.getRuntime().availableProcessors())
        .append("% is everything); *other* is whatever else ran on the machine.\n\n");
    List<String> names = new ArrayList<>(cpu.names());
    names.add("other");
    md.append(
            "*CPU ms/msg* is the CPU time of the harness and the three servers together per message: ")
        .append(
            "on a saturated machine the ratio of the two rates follows the ratio of these costs.\n\n");
    md.append("| phase | messages | s | msg/s | CPU ms/msg | latency ms p50 / p90 / p99 / max | ")
        .append(String.join(" | ", names.stream().map(n -> n + " CPU").toList()))
        .append(" |\n");
    md.append("|---|---:|---:|---:|---:|---|").append("---:|".repeat(names.size())).append("\n");
    for (Run r : runs) {
      double ours =
          r.cpu.entrySet().stream()
              .filter(e -> !e.getKey().equals("other"))
              .mapToDouble(Map.Entry::getValue)
              .sum();
      md.append(
          String.format(
              "| %s | %d | %.2f | %.0f | %.2f | %s | %s |%n",
              r.name,
              r.seen.size(),
              r.seconds(),
              r.rate(),
              ours / 100 * r.seconds() * 1000 / Math.max(1, r.seen.size()),
              percentiles(r.latency),
              names.stream()
                  .map(n -> String.format("%.0f%%", r.cpu.getOrDefault(n, 0.0)))
                  .collect(Collectors.joining(" | "))));
    }
    md.append(
            "\nPostgreSQL's work per message through tlim and the archiving peer (from `pg_stat_database` of both ")
        .append(
            "databases and `pg_stat_wal`; the harness's own queries add a handful of commits):\n\n");
    md.append("| phase | ")
        .append(String.join(" | ", DB_STATS))
        .append(" |\n|---|")
        .append("---:|".repeat(DB_STATS.length))
        .append('\n');
    for (Run r : runs) {
      if ((r.route == Route.SERVICE || r.route == Route.PEER) && !r.seen.isEmpty()) {
        md.append("| ").append(r.name).append(" | ");
        for (long v : r.dbWork) {
          md.append(String.format("%.2f | ", (double) v / r.seen.size()));
        }
        md.append('\n');
      }
    }
    List<String> problems =
        runs.stream().flatMap(r -> r.problems.stream().map(p -> r.name + ": " + p)).toList();
    if (!problems.isEmpty()) {
      md.append("\n**Problems:**\n\n");
      problems.forEach(p -> md.append("- ").append(p).append('\n'));
    }

    md.append("\n## Parameters\n\n");
    md.append(
        String.format(
            "- pairs: %d (users bench0…bench%d on %s%s); %d run(s) of the measured phases, each sending for %d s as fast as the window allows; at half load %d messages per sender (%d s); warm-up: %d per sender per path, excluded; the service's warm-up repeated until WildFly's JIT compilers were idle: %d round(s)%n",
            pairs,
            2 * pairs - 1,
            domain,
            peerDomain == null ? "" : " and " + peerDomain,
            rounds.size(),
            TimeUnit.NANOSECONDS.toSeconds(phaseNanos),
            paced,
            latencySeconds,
            warmup,
            warmUpRounds));
    md.append(
        String.format(
            "- window: at most %d unacknowledged messages per sender (tlim and the relay: until its MTC-001; direct: until the receiver has it)%n",
            window));
    md.append(
        String.format(
            "- envelope: MTT-000, %d bytes of UTF-8 in `<body/>`, identical on every path%n",
            envelope("bench0", "bench" + pairs, runId + "-service.0.0", System.nanoTime())
                .length()));
    md.append(
        String.format(
            "- half load: %.0f msg/s in total, each sender on a fixed schedule (one message every %.2f ms)%n",
            halfRate, (1e9 * pairs / Math.max(halfRate, 1)) / 1e6));
    md.append("- load average at the start: ").append(loadAtStart).append('\n');

    md.append("\n## Machine\n\n");
    md.append("- cores: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append("; memory: ")
        .append(memory())
        .append('\n');
    md.append("- CPU: ").append(cpuModel()).append('\n');
    md.append("- load average at the end: ").append(read("/proc/loadavg")).append('\n');
    md.append("- Java: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append('\n');
    String facts = args.get("facts");
    if (facts != null) {
      try {
        Files.readAllLines(Path.of(facts)).forEach(l -> md.append("- ").append(l).append('\n'));
      } catch (IOException e) {
        md.append("- (").append(facts).append(" unreadable)\n");
      }
    }
    return md.toString();
  }

  private final String loadAtStart = read("/proc/loadavg");

  private static double[] values(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
    return rounds.stream().mapToDouble(f).toArray();
  }

  /** A result row: the median over the runs and their min–max. */
  private static void row(
      StringBuilder md,
      String what,
      List<Round> rounds,
      java.util.function.ToDoubleFunction<Round> f,
      String format,
      String target) {
    double[] v = values(rounds, f);
    double min = java.util.Arrays.stream(v).min().orElse(Double.NaN);
    double max = java.util.Arrays.stream(v).max().orElse(Double.NaN);
    md.append("| ")
        .append(what)
        .append(" | ")
        .append(String.format(format, median(v)))
        .append(" | ")
        .append(v.length < 2 ? "(one run)" : String.format(format + "–" + format, min, max))
        .append(" | ")
        .append(target)
        .append(" |\n");
  }

  /** The runs' latencies of one kind of phase together (null where the path has none). */
  private static Histogram merged(
      List<Round> rounds, java.util.function.Function<Round, Run> phase, boolean answers) {
    Histogram all = new Histogram(MAX_MICROS, 3);
    boolean any = false;
    for (Round r : rounds) {
      Run run = phase.apply(r);
      if (run != null) {
        all.add(answers ? run.answerLatency : run.latency);
        any = true;
      }
    }
    return any ? all : null;
  }

  private static void latencyRow(
      StringBuilder md,
      String path,
      List<Round> rounds,
      java.util.function.Function<Round, Run> full,
      java.util.function.Function<Round, Run> half) {
    md.append("| ").append(path);
    for (boolean answers : new boolean[] {false, true}) {
      for (var phase : List.of(full, half)) {
        Histogram h = merged(rounds, phase, answers);
        md.append(" | ").append(h == null ? "–" : percentiles(h));
      }
    }
    md.append(" |\n");
  }

  /** Bars of each path's median rate, whiskers from the slowest to the fastest run. */
  private void throughputChart(Path file, List<Round> rounds) throws IOException {
    Map<String, double[]> paths = new LinkedHashMap<>();
    paths.put("direct", values(rounds, r -> r.direct.rate()));
    if (relay != null) {
      paths.put("do-nothing relay", values(rounds, r -> r.relay.rate()));
    }
    paths.put("tlim", values(rounds, r -> r.service.rate()));
    if (peerDomain != null) {
      paths.put("archiving peer", values(rounds, r -> r.peer.rate()));
    }
    Map<String, double[]> bars = new LinkedHashMap<>();
    paths.forEach(
        (name, v) ->
            bars.put(
                name,
                new double[] {
                  median(v),
                  java.util.Arrays.stream(v).min().orElse(0),
                  java.util.Arrays.stream(v).max().orElse(0)
                }));
    im.tlim.bench.scale.Charts.bars(
        file,
        "Throughput per path (median of " + rounds.size() + " run(s), whiskers min–max)",
        "messages per second received",
        bars);
  }

  /** The latency CDF at half load: every run's messages of each path together. */
  private void latencyChart(Path file, List<Round> rounds, double halfRate) throws IOException {
    im.tlim.bench.scale.Charts.Lines lines = new im.tlim.bench.scale.Charts.Lines();
    Map<String, Histogram> paths = new LinkedHashMap<>();
    paths.put("tlim", merged(rounds, r -> r.halfService, false));
    paths.put("direct", merged(rounds, r -> r.halfDirect, false));
    if (peerDomain != null) {
      paths.put("archiving peer", merged(rounds, r -> r.halfPeer, false));
    }
    paths.forEach(
        (name, h) -> {
          if (h != null && h.getTotalCount() > 0) {
            for (var v : h.percentiles(5)) {
              lines.add(
                  name,
                  Math.max(0.1, v.getValueIteratedTo() / 1000.0),
                  v.getPercentileLevelIteratedTo());
            }
          }
        });
    im.tlim.bench.scale.Charts.png(
        file,
        String.format("Latency at half load (%.0f msg/s offered), send → receiver", halfRate),
        "latency, ms (log)",
        "% of messages at or below",
        lines,
        true);
  }

  /** One line per measured phase of every run. */
  private void csv(Path file, List<Round> rounds) throws IOException {
    StringBuilder csv =
        new StringBuilder(
            "run,phase,path,load,messages,seconds,msg_per_s,p50_ms,p90_ms,p99_ms,max_ms,archived_outgoing,archived_incoming\n");
    for (Round round : rounds) {
      List<Run> phases = new ArrayList<>(round.throughput());
      phases.addAll(round.halfLoad());
      for (Run r : phases) {
        csv.append(
            String.format(
                java.util.Locale.ROOT,
                "%d,%s,%s,%s,%d,%.3f,%.1f,%s,%s,%s,%s,%s,%s%n",
                round.number,
                r.name.replaceAll(" \\(run \\d+\\)", ""),
                r.route.name().toLowerCase(java.util.Locale.ROOT),
                r.intervalNanos == 0 ? "full" : "half",
                r.seen.size(),
                r.seconds(),
                r.rate(),
                ms(r.latency, 50),
                ms(r.latency, 90),
                ms(r.latency, 99),
                ms(r.latency, 100),
                r.route == Route.PEER ? r.archivedOutgoing : "",
                r.route == Route.PEER ? r.archivedIncoming : ""));
      }
    }
    Files.writeString(file, csv);
  }

  private static String percentiles(Histogram h) {
    return h.getTotalCount() == 0
        ? "–"
        : ms(h, 50) + " / " + ms(h, 90) + " / " + ms(h, 99) + " / " + ms(h, 100);
  }

  private static String ms(Histogram h, double percentile) {
    return String.format(
        java.util.Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static String failureDetails(List<Run> runs) {
    Map<String, Integer> all = new TreeMap<>();
    runs.forEach(r -> r.failures.forEach((k, v) -> all.merge(k, v.get(), Integer::sum)));
    return all.isEmpty() ? "" : " " + all;
  }

  private static String memory() {
    String meminfo = read("/proc/meminfo");
    for (String line : meminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("\\D+", ""));
        return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
      }
    }
    return "unknown";
  }

  private static String cpuModel() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static final java.time.format.DateTimeFormatter CLOCK =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  /** A progress line; the clock time lets a profile of the servers be split by phase. */
  private static void log(String format, Object... values) {
    System.out.printf(
        "[bench " + java.time.LocalTime.now().format(CLOCK) + "] " + format + "%n", values);
  }

  /**
   * CPU time of the processes under test (each with its descendants, e.g. PostgreSQL's backends),
   * of this JVM, and of the whole machine, from /proc: it shows which one is the bottleneck. Names
   * and pids come from run.sh as {@code name:pid,name:pid}.
   */
  private static final class Cpu {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final Map<String, Long> roots = new LinkedHashMap<>();

    Cpu(String spec) {
      roots.put("bench", ProcessHandle.current().pid());
      for (String entry : spec.split(",")) {
        String[] nameAndPid = entry.split(":");
        if (nameAndPid.length == 2) {
          roots.put(nameAndPid[0], Long.parseLong(nameAndPid[1].trim()));
        }
      }
    }

    List<String> names() {
      return new ArrayList<>(roots.keySet());
    }

    /** Ticks per named tree, then the machine's busy ticks, then the sample time in nanos. */
    long[] sample() {
      Map<Long, Long> parent = new HashMap<>();
      Map<Long, Long> ticks = new HashMap<>();
      try (var dirs = Files.list(Path.of("/proc"))) {
        for (Path dir : dirs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
          try {
            String stat = Files.readString(dir.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long pid = Long.parseLong(dir.getFileName().toString());
            parent.put(pid, Long.parseLong(f[1]));
            ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
          } catch (IOException | RuntimeException e) {
            // the process ended while we looked
          }
        }
      } catch (IOException e) {
        return new long[roots.size() + 2];
      }
      long[] sample = new long[roots.size() + 2];
      int i = 0;
      for (long root : roots.values()) {
        long sum = 0;
        for (var e : ticks.entrySet()) {
          if (descends(e.getKey(), root, parent)) {
            sum += e.getValue();
          }
        }
        sample[i++] = sum;
      }
      String[] all = read("/proc/stat").split("\n")[0].trim().split("\\s+");
      long busy = 0;
      for (int k = 1; k < all.length && k <= 8; k++) {
        if (k != 4 && k != 5) { // idle and iowait
          busy += Long.parseLong(all[k]);
        }
      }
      sample[i++] = busy;
      sample[i] = System.nanoTime();
      return sample;
    }

    private static boolean descends(long pid, long root, Map<Long, Long> parent) {
      for (int depth = 0; depth < 64 && pid > 1; depth++) {
        if (pid == root) {
          return true;
        }
        pid = parent.getOrDefault(pid, 0L);
      }
      return false;
    }

    /** % of one core per name, plus "other": the machine's busy time not used by them. */
    Map<String, Double> usage(long[] before, long[] after) {
      double seconds = (after[after.length - 1] - before[before.length - 1]) / 1e9;
      Map<String, Double> usage = new LinkedHashMap<>();
      double ours = 0;
      int i = 0;
      for (String name : roots.keySet()) {
        double pct = 100 * (after[i] - before[i]) / TICKS_PER_SECOND / seconds;
        usage.put(name, pct);
        ours += pct;
        i++;
      }
      double machine = 100 * (after[i] - before[i]) / TICKS_PER_SECOND / seconds;
      usage.put("other", Math.max(0, machine - ours));
      return usage;
    }
  }
}
