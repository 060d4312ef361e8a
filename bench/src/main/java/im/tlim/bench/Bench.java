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
  private final int perSender;
  private final int warmup;
  private final int window;
  private final int latencySeconds;
  private final String domain;
  private final Jid service;

  /** The do-nothing relay component ({@link Relay}), or null when run.sh started none. */
  private final Jid relay;

  private final List<BenchClient> senders = new ArrayList<>();
  private final List<BenchClient> receivers = new ArrayList<>();
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private final Cpu cpu;
  private Connection db;
  private volatile Run current;

  private Bench(Map<String, String> args) throws IOException {
    this.args = args;
    this.pairs = Integer.parseInt(args.getOrDefault("pairs", "4"));
    this.perSender = Integer.parseInt(args.getOrDefault("messages", "1500"));
    this.warmup = Integer.parseInt(args.getOrDefault("warmup", "150"));
    this.window = Integer.parseInt(args.getOrDefault("window", "50"));
    this.latencySeconds = Integer.parseInt(args.getOrDefault("latency-seconds", "15"));
    this.domain = args.getOrDefault("domain", "bench.local");
    this.service = JidCreate.from(args.getOrDefault("component", "tlim") + "." + domain);
    this.relay =
        args.containsKey("relay") ? JidCreate.from(args.get("relay") + "." + domain) : null;
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
    log("%d pairs logged in; receivers online for %s", pairs, service);

    List<Run> runs = new ArrayList<>();
    runs.add(phase("warm-up direct", Route.DIRECT, warmup, 0));
    Run direct = phase("direct", Route.DIRECT, perSender, 0);
    runs.add(direct);
    Run viaRelay = null;
    if (relay != null) {
      runs.add(phase("warm-up relay", Route.RELAY, warmup, 0));
      viaRelay = phase("relay", Route.RELAY, perSender, 0);
      runs.add(viaRelay);
    }
    runs.add(warmUpService());
    Run viaService = phase("service", Route.SERVICE, perSender, 0);
    runs.add(viaService);
    // half the measured service rate, spread over the senders, for at most latency-seconds
    // (the phase would otherwise last as long as the throughput phase)
    double halfRate = viaService.rate() / 2;
    long interval = (long) (1e9 * pairs / Math.max(halfRate, 1));
    int paced = (int) Math.max(1, Math.min(perSender / 2, latencySeconds * 1e9 / interval));
    // the JIT compiles the light-load paths (small batches, single messages) only when they
    // run: warm them up at the same pace first, or the half-load phase measures compiling
    int pacedWarmUp = (int) Math.max(1, Math.min(paced, 10 * 1e9 / interval));
    runs.add(phase("warm-up at half load", Route.SERVICE, pacedWarmUp, interval));
    Run halfService = phase("service at half load", Route.SERVICE, paced, interval);
    runs.add(halfService);
    Run halfDirect = phase("direct at the same load", Route.DIRECT, paced, interval);
    runs.add(halfDirect);

    Stored stored = stored(runs);
    String report =
        report(runs, direct, viaRelay, viaService, halfService, halfDirect, halfRate, stored);
    Path out = Path.of(args.getOrDefault("out", "bench-results.md"));
    Files.writeString(out, report);
    log("wrote %s", out);
    for (BenchClient c : senders) c.close();
    for (BenchClient c : receivers) c.close();
    db.close();
    boolean complete = runs.stream().allMatch(Run::complete) && stored.answeredNotStored == 0;
    return complete ? 0 : 1;
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
    Run run = new Run(name, route, count, intervalNanos);
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
    log("%-24s %s", name, run.summary());
    return run;
  }

  private void send(Run run, int pair, CountDownLatch go) {
    BenchClient from = senders.get(pair);
    BenchClient to = receivers.get(pair);
    Jid address = run.via() == null ? to.jid : run.via();
    try {
      go.await();
      for (int k = 0; k < run.perSender; k++) {
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
      }
    } catch (Exception e) {
      run.problems.add(from.user + " could not send: " + e);
    }
  }

  /** The same envelope for both paths; the send time rides in the text for the receiver. */
  static String envelope(String from, String to, String id, long sentNanos) {
    return "{\"compress\":\"0\",\"encode\":\"1\",\"encrypt\":\"0\",\"version\":\"2.0.0\",\"msg_from\":\""
        + from
        + "\",\"msg_to\":\""
        + to
        + "\",\"msg_id\":\""
        + id
        + "\",\"msg_type\":\"MTT-000\",\"msg_time\":\""
        + System.currentTimeMillis()
        + "\",\"body\":[{\"text\":\"sent "
        + sentNanos
        + " "
        + PAD
        + "\"}]}";
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
    SERVICE;

    /** Whether senders get an MTC-001 answer, which frees their window. */
    boolean answers() {
      return this != DIRECT;
    }
  }

  /** What happened in one phase. Updated from Smack's listener threads and the senders. */
  private final class Run {
    final String name;
    final String tag;
    final Route route;
    final int perSender;
    final long intervalNanos;
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

    Run(String name, Route route, int perSender, long intervalNanos) {
      this.name = name;
      // distinct per phase, also for repeated warm-up rounds: a reused msg_id is a resend
      this.tag = runId + "-" + (++phases) + name.replaceAll("[^a-z]+", "");
      this.route = route;
      this.perSender = perSender;
      this.intervalNanos = intervalNanos;
      for (int i = 0; i < pairs; i++) {
        windows[i] = new Semaphore(window);
      }
    }

    int expected() {
      return perSender * pairs;
    }

    /** The component the messages go through, or null for direct. */
    Jid via() {
      return switch (route) {
        case DIRECT -> null;
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
                "select "
                    + String.join(", ", DB_STATS)
                    + " from pg_stat_database, pg_stat_wal where datname = current_database()")) {
      rs.next();
      long[] values = new long[DB_STATS.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = rs.getLong(i + 1);
      }
      return values;
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
      List<Run> runs,
      Run direct,
      Run viaRelay,
      Run viaService,
      Run halfService,
      Run halfDirect,
      double halfRate,
      Stored stored) {
    double ratio = viaService.rate() / direct.rate();
    double p99 = halfService.latency.getValueAtPercentile(99) / 1000.0;
    StringBuilder md = new StringBuilder();
    String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
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
        .append(perSender)
        .append(" messages per sender per phase. ")
        .append("See [README.md](README.md) for what each number means.\n\n");

    md.append("## Result\n\n");
    String relayCell = viaRelay == null ? "–" : String.format("%.0f", viaRelay.rate());
    md.append(
        "| | direct (Prosody only) | do-nothing relay | through tlim | target |\n|---|---:|---:|---:|---|\n");
    md.append(
        String.format(
            "| throughput, msg/s received | %.0f | %s | %.0f | |%n",
            direct.rate(), relayCell, viaService.rate()));
    md.append(
        String.format(
            "| **ratio to direct** | | %s | **%.3f** | ≥ 0.45: %s |%n",
            viaRelay == null ? "–" : String.format("%.3f", viaRelay.rate() / direct.rate()),
            ratio,
            ratio >= 0.45 ? "met" : "**not met**"));
    if (viaRelay != null) {
      md.append(
          String.format(
              "| tlim's share of the relay's rate | | | %.3f | |%n",
              viaService.rate() / viaRelay.rate()));
    }
    md.append("| latency at full load, ms (p50 / p90 / p99 / max) | ")
        .append(percentiles(direct.latency))
        .append(" | ")
        .append(viaRelay == null ? "–" : percentiles(viaRelay.latency))
        .append(" | ")
        .append(percentiles(viaService.latency))
        .append(" | |\n");
    md.append(
        String.format(
            "| offered half load, msg/s (half of tlim's rate) | %.0f | | %.0f | |%n",
            halfRate, halfRate));
    md.append(
        String.format(
            "| achieved at half load, msg/s | %.0f | | %.0f | |%n",
            halfDirect.rate(), halfService.rate()));
    md.append("| **latency at half load**, ms (p50 / p90 / p99 / max) | ")
        .append(percentiles(halfDirect.latency))
        .append(" | | ")
        .append(percentiles(halfService.latency))
        .append(String.format(" | p99 < 50 ms: %s |%n", p99 < 50 ? "met" : "**not met**"));
    md.append("| send → MTC-001 ok at full load, ms | | ")
        .append(viaRelay == null ? "–" : percentiles(viaRelay.answerLatency))
        .append(" | ")
        .append(percentiles(viaService.answerLatency))
        .append(" | |\n");
    md.append("| send → MTC-001 ok at half load, ms | | | ")
        .append(percentiles(halfService.answerLatency))
        .append(" | |\n\n");

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
            "\nPostgreSQL's work per message through tlim (from `pg_stat_database` and `pg_stat_wal`; ")
        .append("the harness's own queries add a handful of commits):\n\n");
    md.append("| phase | ")
        .append(String.join(" | ", DB_STATS))
        .append(" |\n|---|")
        .append("---:|".repeat(DB_STATS.length))
        .append('\n');
    for (Run r : runs) {
      if (r.route == Route.SERVICE && !r.seen.isEmpty()) {
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
            "- pairs: %d (users bench0…bench%d); messages per sender: %d per throughput phase, %d at half load (at most %d s); warm-up: %d per sender per path, excluded; the service's warm-up repeated until WildFly's JIT compilers were idle: %d round(s)%n",
            pairs,
            2 * pairs - 1,
            perSender,
            halfService.perSender,
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

  private static String percentiles(Histogram h) {
    return h.getTotalCount() == 0
        ? "–"
        : ms(h, 50) + " / " + ms(h, 90) + " / " + ms(h, 99) + " / " + ms(h, 100);
  }

  private static String ms(Histogram h, double percentile) {
    return String.format("%.1f", h.getValueAtPercentile(percentile) / 1000.0);
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
