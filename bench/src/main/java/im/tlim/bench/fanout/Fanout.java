package im.tlim.bench.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import im.tlim.bench.Bench;
import im.tlim.bench.scale.Api;
import im.tlim.bench.scale.Charts;
import im.tlim.bench.scale.Timings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Group fan-out (issue 11, P2), run by bench/fanout.sh: one message to a tlim group of N members
 * and to a Prosody MUC room of N occupants, the same Smack clients on their own connections, sends
 * alternating between the two; then every tlim member sends a read receipt for one message, and the
 * read count, the database rows and WildFly's CPU per receipt are measured. N counts the receivers:
 * the group has N + 1 members (the sender is the first), the room N + 1 occupants.
 *
 * <pre>
 *   c2s= pg= http= secret= domain= muc= accounts=DIR wildfly=PID sizes=50,500 sends=10 warmup=3
 *   md= csv= png= facts=FILE [muc-max=N] [profile=DIR]
 * </pre>
 *
 * Sizes above {@code muc-max} are measured through tlim only (no room: its joins are quadratic in
 * Prosody); with {@code profile} WildFly is recorded with JFR over each size's measured sends.
 *
 * <p>Exit status 0 when every copy arrived exactly once, every send and receipt was answered ok and
 * every read count was exact.
 */
public final class Fanout {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Pads each message to about the size of bench/run.sh's (~260 bytes as an envelope). */
  private static final String PAD = "x".repeat(40);

  /** PostgreSQL 15 publishes an idle backend's counters within 10 s (PGSTAT_IDLE_INTERVAL). */
  private static final long STATS_SETTLE_MILLIS = 11_000;

  /** One message on its way to every member. */
  private static final class Send {
    final String path;
    final int size;
    final AtomicIntegerArray copies;
    final AtomicInteger remaining;
    final AtomicLong last = new AtomicLong();
    final CountDownLatch done = new CountDownLatch(1);
    volatile long sentNanos;

    Send(String path, int size, int users) {
      this.path = path;
      this.size = size;
      this.copies = new AtomicIntegerArray(users);
      this.remaining = new AtomicInteger(size);
    }

    void arrived(int member, long now) {
      if (copies.incrementAndGet(member) == 1 && member >= 1 && member <= size) {
        last.accumulateAndGet(now, Math::max);
        if (remaining.decrementAndGet() == 0) {
          done.countDown();
        }
      }
    }
  }

  /** One size's results. */
  private record Result(
      int size,
      double[] tlimMs,
      double[] mucMs,
      String loadBefore,
      String loadAfter,
      Map<String, long[]> sendRows,
      double sendCpuMs,
      int tlimSends,
      double receiptsMs,
      Map<String, long[]> receiptRows,
      double receiptCpuMs,
      int readNum,
      int readStatuses) {

    long rows(Map<String, long[]> tables) {
      return tables.values().stream().mapToLong(r -> r[0] + r[1] + r[2]).sum();
    }
  }

  private final Map<String, String> args;
  private final String domain;
  private final Jid service;
  private final String mucDomain;
  private final int[] sizes;
  private final int sends;
  private final int warmup;
  private final int users;
  private final int mucMax;
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final Map<String, Send> inFlight = new ConcurrentHashMap<>();
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> awaitedAnswers = new ConcurrentHashMap<>();
  private final AtomicInteger strays = new AtomicInteger();
  private final List<String> problems = new ArrayList<>();
  private final List<Member> members = new ArrayList<>();
  private final Api api;
  private Connection db;

  private Fanout(Map<String, String> args) throws Exception {
    this.args = args;
    this.domain = args.getOrDefault("domain", "bench.local");
    this.service = JidCreate.from("tlim." + domain);
    this.mucDomain = args.getOrDefault("muc", "conference." + domain);
    this.sizes = Arrays.stream(args.get("sizes").split(",")).mapToInt(Integer::parseInt).toArray();
    this.sends = Integer.parseInt(args.getOrDefault("sends", "10"));
    this.warmup = Integer.parseInt(args.getOrDefault("warmup", "3"));
    this.users = Arrays.stream(sizes).max().orElseThrow() + 1;
    // joining a room costs Prosody a walk over its occupants per join (quadratic): sizes above
    // this are measured through tlim only
    this.mucMax = Integer.parseInt(args.getOrDefault("muc-max", Integer.toString(users)));
    this.api = new Api(Integer.parseInt(args.get("http")), args.get("secret"));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      int eq = a.indexOf('=');
      args.put(a.substring(0, eq), a.substring(eq + 1));
    }
    int status = 2;
    try {
      status = new Fanout(args).run() ? 0 : 1;
    } catch (Throwable e) {
      e.printStackTrace();
    } finally {
      System.exit(status); // Smack's threads would keep the JVM alive
    }
  }

  private boolean run() throws Exception {
    db =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + args.get("pg") + "/tlim", "tlim", "tlim");
    db.setAutoCommit(true);
    writeAccounts(Path.of(args.get("accounts")));
    addUsers();
    Map<Integer, String> groups = new TreeMap<>();
    for (int size : sizes) {
      groups.put(size, addGroup(size));
    }
    log("%d users, groups of %s members created", users, Arrays.toString(sizes));

    int c2s = Integer.parseInt(args.get("c2s"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Member>> logins = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      int index = i;
      logins.add(pool.submit(() -> Member.login(index, domain, c2s, service, this::onMessage)));
    }
    for (Future<Member> f : logins) {
      members.add(f.get());
    }
    log("%d clients logged in", users);
    all(pool, members.subList(1, users), m -> m.announce(service, 120));
    log("%d members online for %s", users - 1, service);

    Map<Integer, EntityBareJid> rooms = new TreeMap<>();
    for (int size : sizes) {
      if (size > mucMax) {
        continue;
      }
      EntityBareJid room = JidCreate.entityBareFrom("fanout" + size + "-" + run + "@" + mucDomain);
      members.get(0).createRoom(room);
      all(pool, members.subList(1, size + 1), m -> m.join(room));
      rooms.put(size, room);
      log("room %s: %d occupants joined", room, size + 1);
    }

    double idleCpuMsPerSecond = idleCpu();
    List<Result> results = new ArrayList<>();
    for (int size : sizes) {
      results.add(measure(size, groups.get(size), rooms.get(size)));
    }
    pool.shutdownNow();
    boolean ok = problems.isEmpty() && strays.get() == 0;
    write(results, idleCpuMsPerSecond, ok);
    // no orderly close of each connection (Smack waits for every stream's end, one by one):
    // the exit closes the sockets, and Prosody and the service see the members go
    return ok;
  }

  // ---- setting up ------------------------------------------------------------------------------

  /**
   * Prosody accounts written as files (a plaintext password, which Prosody hashes at the first
   * login): registering thousands with prosodyctl costs a Lua process each.
   */
  private void writeAccounts(Path dir) throws Exception {
    Files.createDirectories(dir);
    for (int i = 0; i < users; i++) {
      Files.writeString(
          dir.resolve("bench" + i + ".dat"),
          "return {\n\t[\"password\"] = \"bench" + i + "pw\";\n};\n");
    }
  }

  private void addUsers() throws Exception {
    for (int from = 0; from < users; from += 1000) {
      StringBuilder list = new StringBuilder();
      for (int i = from; i < Math.min(users, from + 1000); i++) {
        list.append(list.length() == 0 ? "" : ",");
        list.append("{\"user_id\":\"bench").append(i).append("\",\"user_name\":\"bench");
        list.append(i).append("\"}");
      }
      api.post("addUser", Api.SERVICE, "addUser", "{\"users\":[" + list + "]}");
    }
  }

  /** A group of bench0 (the creator, the sender) and bench1..bench{size}; lists of ≤ 1000 each. */
  private String addGroup(int size) throws Exception {
    int first = Math.min(size, 999);
    JsonNode created =
        api.post(
                "addSession",
                "bench0",
                "addSession",
                "{\"session_type\":\"0\",\"request_user\":\"bench0\",\"session_name\":\"fanout "
                    + size
                    + "\",\"subscribers\":["
                    + subscribers(1, first, "")
                    + "]}")
            .answer();
    String session = created.path("session_id").asText();
    for (int from = first + 1; from <= size; from += 1000) {
      api.post(
          "modifySession",
          "bench0",
          "modifySession",
          "{\"session_id\":\""
              + session
              + "\",\"request_user\":\"bench0\",\"subscribers\":["
              + subscribers(from, Math.min(size, from + 999), ",\"type\":\"add\"")
              + "]}");
    }
    return session;
  }

  private static String subscribers(int from, int to, String extra) {
    StringBuilder s = new StringBuilder();
    for (int i = from; i <= to; i++) {
      s.append(i == from ? "" : ",").append("{\"user_id\":\"bench").append(i).append('"');
      s.append(extra).append('}');
    }
    return s.toString();
  }

  private interface MemberStep {
    void run(Member m) throws Exception;
  }

  private static void all(ExecutorService pool, List<Member> members, MemberStep step)
      throws Exception {
    List<Future<?>> steps = new ArrayList<>();
    for (Member m : members) {
      steps.add(
          pool.submit(
              () -> {
                step.run(m);
                return null;
              }));
    }
    for (Future<?> f : steps) {
      f.get();
    }
  }

  // ---- measuring -------------------------------------------------------------------------------

  private Result measure(int size, String session, EntityBareJid room) throws Exception {
    String loadBefore = loadAverage();
    for (int k = 0; k < warmup; k++) {
      sendAndWait(size, "tlim", session, room, "w" + k);
      if (room != null) {
        sendAndWait(size, "muc", session, room, "w" + k);
      }
    }
    Map<String, long[]> rows0 = tableRows();
    long cpu0 = wildflyCpuMs();
    double[] tlim = new double[sends];
    double[] muc = new double[room == null ? 0 : sends];
    String lastTlim = null;
    profile("start", size);
    for (int k = 0; k < sends; k++) {
      // alternating, so the machine's noise falls on both alike
      Send t = sendAndWait(size, "tlim", session, room, Integer.toString(k));
      tlim[k] = (t.last.get() - t.sentNanos) / 1e6;
      lastTlim = tag(size, "tlim", Integer.toString(k));
      if (room != null) {
        Send m = sendAndWait(size, "muc", session, room, Integer.toString(k));
        muc[k] = (m.last.get() - m.sentNanos) / 1e6;
      }
    }
    profile("stop", size);
    Thread.sleep(1000); // late duplicates would arrive now
    checkCopies(size);
    Thread.sleep(STATS_SETTLE_MILLIS);
    Map<String, long[]> sendRows = delta(rows0, tableRows());
    double sendCpu = wildflyCpuMs() - cpu0;
    String loadAfter = loadAverage();
    log(
        "N=%d: tlim p50 %.1f p99 %.1f ms, MUC p50 %.1f p99 %.1f ms",
        size, pct(tlim, 50), pct(tlim, 99), pct(muc, 50), pct(muc, 99));

    // every member reads the last message: MTS-100, one each, all at once
    Map<String, long[]> rows1 = tableRows();
    long cpu1 = wildflyCpuMs();
    CountDownLatch answered = new CountDownLatch(size);
    List<String> receipts = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      String id = run + "-read-" + size + "-" + i;
      receipts.add(id);
      awaitedAnswers.put(id, answered);
    }
    long t0 = System.nanoTime();
    for (int i = 1; i <= size; i++) {
      Member member = members.get(i);
      member.send(
          service,
          Message.Type.chat,
          Bench.envelope(
              member.user,
              session,
              receipts.get(i - 1),
              "MTS-100",
              "[{\"session_id\":\"" + session + "\",\"msg_id\":\"" + lastTlim + "\"}]"));
    }
    if (!answered.await(120, TimeUnit.SECONDS)) {
      problems.add("N=" + size + ": " + answered.getCount() + " read receipts unanswered");
    }
    double receiptsMs = (System.nanoTime() - t0) / 1e6;
    long notOk = receipts.stream().filter(id -> !"ok".equals(answers.get(id))).count();
    if (notOk > 0) {
      problems.add("N=" + size + ": " + notOk + " read receipts not answered ok");
    }
    Thread.sleep(STATS_SETTLE_MILLIS);
    Map<String, long[]> receiptRows = delta(rows1, tableRows());
    double receiptCpu = wildflyCpuMs() - cpu1;

    JsonNode reads =
        api.get("findReadMsg", "bench0", "findReadMsg", Api.params("session_id", session)).answer();
    int readNum = -1;
    for (JsonNode r : reads.path("sessionReads")) {
      if (lastTlim.equals(r.path("msg_id").asText())) {
        readNum = r.path("readNum").asInt();
      }
    }
    JsonNode statuses =
        api.get("findMsgStatusList", "bench0", "findMsgStatusList", Api.params("msg_id", lastTlim))
            .answer();
    int read = 0;
    for (JsonNode s : statuses.path("ofStatusList")) {
      read += s.path("status").asInt() != 0 ? 1 : 0;
    }
    if (readNum != size || read != size || statuses.path("ofStatusList").size() != size) {
      problems.add(
          "N=%d: readNum %d, %d of %d statuses read (expected %d)"
              .formatted(size, readNum, read, statuses.path("ofStatusList").size(), size));
    }
    log("N=%d: %d read receipts in %.0f ms, readNum %d", size, size, receiptsMs, readNum);
    return new Result(
        size,
        tlim,
        muc,
        loadBefore,
        loadAfter,
        sendRows,
        sendCpu,
        sends,
        receiptsMs,
        receiptRows,
        receiptCpu,
        readNum,
        read);
  }

  private String tag(int size, String path, String k) {
    return run + "-" + path + "-" + size + "-" + k;
  }

  private Send sendAndWait(int size, String path, String session, EntityBareJid room, String k)
      throws Exception {
    String tag = tag(size, path, k);
    Send send = new Send(path, size, users);
    inFlight.put(tag, send);
    Member sender = members.get(0);
    if (path.equals("tlim")) {
      CountDownLatch answered = new CountDownLatch(1);
      awaitedAnswers.put(tag, answered);
      String body = "[{\"session_id\":\"" + session + "\",\"text\":\"" + tag + " " + PAD + "\"}]";
      String envelope = Bench.envelope("bench0", session, tag, "MTS-000", body);
      send.sentNanos = System.nanoTime();
      sender.send(service, Message.Type.chat, envelope);
      if (!answered.await(60, TimeUnit.SECONDS) || !"ok".equals(answers.get(tag))) {
        problems.add(tag + ": answered " + answers.get(tag));
      }
    } else {
      send.sentNanos = System.nanoTime();
      sender.send(room, Message.Type.groupchat, tag + " " + PAD);
    }
    if (!send.done.await(60, TimeUnit.SECONDS)) {
      problems.add(
          tag + ": " + send.remaining.get() + " of " + size + " copies missing after 60 s");
    }
    Thread.sleep(100); // one message at a time: what is measured is one fan-out, not a queue
    return send;
  }

  private void onMessage(Member member, Message message, long now) {
    String body = message.getBody();
    if (message.getType() == Message.Type.groupchat) {
      if (member.index == 0) {
        return; // the room's echo to the sender
      }
      int space = body.indexOf(' ');
      Send send = space > 0 ? inFlight.get(body.substring(0, space)) : null;
      if (send == null || !send.path.equals("muc")) {
        strays.incrementAndGet();
      } else {
        send.arrived(member.index, now);
      }
      return;
    }
    if (!service.equals(message.getFrom())) {
      strays.incrementAndGet();
      return;
    }
    try {
      JsonNode envelope = JSON.readTree(body);
      switch (envelope.path("msg_type").asText()) {
        case "MTC-001" -> {
          JsonNode answer = envelope.path("body").path(0);
          String id = answer.path("msg_id").asText();
          answers.put(id, answer.path("result").asText() + answer.path("result_detail").asText());
          CountDownLatch latch = awaitedAnswers.remove(id);
          if (latch != null) {
            latch.countDown();
          }
        }
        case "MTS-000" -> {
          Send send = inFlight.get(envelope.path("msg_id").asText());
          if (send == null || !member.user.equals(envelope.path("msg_to").asText())) {
            strays.incrementAndGet();
          } else {
            send.arrived(member.index, now);
          }
        }
        default -> {} // MTS-105/106 (group created, members invited), forwarded MTS-100
      }
    } catch (Exception e) {
      strays.incrementAndGet();
    }
  }

  /** Each member of the group got each message of this size exactly once, nobody else any. */
  private void checkCopies(int size) {
    for (Map.Entry<String, Send> e : inFlight.entrySet()) {
      Send send = e.getValue();
      if (send.size != size) {
        continue;
      }
      int missing = 0, duplicated = 0, strangers = 0;
      for (int i = 0; i < users; i++) {
        int copies = send.copies.get(i);
        if (i >= 1 && i <= size) {
          missing += copies == 0 ? 1 : 0;
          duplicated += copies > 1 ? 1 : 0;
        } else {
          strangers += copies;
        }
      }
      if (missing + duplicated + strangers > 0) {
        problems.add(
            "%s: %d members without a copy, %d with more than one, %d copies to non-members"
                .formatted(e.getKey(), missing, duplicated, strangers));
      }
    }
  }

  // ---- counters --------------------------------------------------------------------------------

  /**
   * Rows inserted, updated, deleted per table (pg_stat_user_tables), as PostgreSQL has them now.
   */
  private Map<String, long[]> tableRows() throws Exception {
    Map<String, long[]> rows = new TreeMap<>();
    try (Statement s = db.createStatement()) {
      s.execute("select pg_stat_clear_snapshot()");
      try (ResultSet r =
          s.executeQuery(
              "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables")) {
        while (r.next()) {
          rows.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4)});
        }
      }
    }
    return rows;
  }

  private static Map<String, long[]> delta(Map<String, long[]> before, Map<String, long[]> after) {
    Map<String, long[]> d = new TreeMap<>();
    after.forEach(
        (table, a) -> {
          long[] b = before.getOrDefault(table, new long[3]);
          long[] x = {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
          if (x[0] + x[1] + x[2] != 0) {
            d.put(table, x);
          }
        });
    return d;
  }

  /** WildFly's process CPU time (user + system, /proc/PID/stat, 10 ms ticks). */
  private long wildflyCpuMs() throws Exception {
    String stat = Files.readString(Path.of("/proc/" + args.get("wildfly") + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }

  /**
   * WildFly's CPU while the bench does nothing, so the per-receipt figure can be read net of it.
   */
  private double idleCpu() throws Exception {
    long c0 = wildflyCpuMs();
    Thread.sleep(10_000);
    return (wildflyCpuMs() - c0) / 10.0;
  }

  private static String loadAverage() throws Exception {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }

  private static double pct(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return Timings.percentile(sorted, p);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  // ---- results ---------------------------------------------------------------------------------

  private void write(List<Result> results, double idleCpuMsPerSecond, boolean ok) throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("# Group fan-out: tlim against a Prosody MUC room (issue 11, P2)\n\n");
    md.append(Files.readString(Path.of(args.get("facts"))).trim()).append("\n\n");
    md.append(
        ("N = the receiving members: the tlim group has N + 1 members, the room N + 1 occupants"
                + " (the sender is one), every one on its own c2s connection (Smack 4.4.8), all"
                + " online. %d sends per size and path, alternating tlim / MUC, one at a time (the"
                + " next when the last member has the copy), after %d warm-up sends of each. Time ="
                + " from the send to the last member's receipt of its copy, in the harness's JVM.\n\n")
            .formatted(sends, warmup));
    md.append("## Fan-out time (ms)\n\n");
    md.append(
        "| N | tlim p50 | tlim p99 | tlim max | MUC p50 | MUC p99 | MUC max | tlim p99 ÷ MUC p99 |"
            + " target (tlim p99) | load average before → after |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    StringBuilder csv =
        new StringBuilder(
            "size,tlim_p50_ms,tlim_p99_ms,tlim_max_ms,muc_p50_ms,muc_p99_ms,muc_max_ms,"
                + "send_rows_per_message,send_wildfly_cpu_ms_per_message,receipts_ms,"
                + "rows_per_receipt,wildfly_cpu_ms_per_receipt,read_num,load_before,load_after\n");
    Charts.Lines lines = new Charts.Lines();
    for (Result r : results) {
      double tp99 = pct(r.tlimMs, 99), mp99 = pct(r.mucMs, 99);
      String target = r.size <= 500 ? "< 100 ms" : r.size <= 2000 ? "< 500 ms" : "";
      md.append(
          "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s → %s |\n"
              .formatted(
                  r.size,
                  Timings.ms(pct(r.tlimMs, 50)),
                  Timings.ms(tp99),
                  Timings.ms(max(r.tlimMs)),
                  Timings.ms(pct(r.mucMs, 50)),
                  Timings.ms(mp99),
                  Timings.ms(max(r.mucMs)),
                  r.mucMs.length == 0 ? "– (no room)" : "%.2f".formatted(tp99 / mp99),
                  target,
                  r.loadBefore,
                  r.loadAfter));
      lines.add("tlim p50", r.size, pct(r.tlimMs, 50));
      lines.add("tlim p99", r.size, tp99);
      if (r.mucMs.length > 0) {
        lines.add("MUC p50", r.size, pct(r.mucMs, 50));
        lines.add("MUC p99", r.size, mp99);
      }
      csv.append(
          "%d,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,%.1f,%.3f,%.3f,%d,%s,%s\n"
              .formatted(
                  r.size,
                  pct(r.tlimMs, 50),
                  tp99,
                  max(r.tlimMs),
                  pct(r.mucMs, 50),
                  mp99,
                  max(r.mucMs),
                  (double) r.rows(r.sendRows) / r.tlimSends,
                  r.sendCpuMs / r.tlimSends,
                  r.receiptsMs,
                  (double) r.rows(r.receiptRows) / r.size,
                  r.receiptCpuMs / r.size,
                  r.readNum,
                  r.loadBefore.replace(' ', '/'),
                  r.loadAfter.replace(' ', '/')));
    }
    md.append("\n![fan-out time against group size](")
        .append(Path.of(args.get("png")).getFileName())
        .append(")\n\n");

    md.append("## Read receipts: every member reads one message (MTS-100)\n\n");
    md.append(
        ("All N receipts sent at once, one per member; time = from the first send to the last"
                + " `MTC-001 ok`. Rows = `pg_stat_user_tables` inserts + updates + deletes during"
                + " the receipts (read %.0f s after, when PostgreSQL has published them); WildFly"
                + " CPU = its process CPU time over the same span, of which %.1f ms/s is what it uses"
                + " idle (measured before the run, 10 s), shown net beside it. readNum ="
                + " findReadMsg's count for the message, read = findMsgStatusList's members with a"
                + " read status; both must be N.\n\n")
            .formatted(STATS_SETTLE_MILLIS / 1000.0, idleCpuMsPerSecond));
    md.append(
        "| N | time for all N (ms) | rows per receipt | rows by table (ins/upd/del) | WildFly CPU"
            + " ms per receipt | net of idle | readNum | read |\n");
    md.append("|---:|---:|---:|---|---:|---:|---:|---:|\n");
    for (Result r : results) {
      double spanSeconds = (r.receiptsMs + STATS_SETTLE_MILLIS) / 1000.0;
      md.append(
          "| %d | %.0f | %.2f | %s | %.2f | %.2f | %d | %d |\n"
              .formatted(
                  r.size,
                  r.receiptsMs,
                  (double) r.rows(r.receiptRows) / r.size,
                  tables(r.receiptRows),
                  r.receiptCpuMs / r.size,
                  (r.receiptCpuMs - idleCpuMsPerSecond * spanSeconds) / r.size,
                  r.readNum,
                  r.readStatuses));
    }
    md.append("\n## Database work per group message (the measured tlim sends)\n\n");
    md.append(
        "| N | rows per message | rows by table (ins/upd/del, all sends) | WildFly CPU ms per message (idle included) |\n");
    md.append("|---:|---:|---|---:|\n");
    for (Result r : results) {
      md.append(
          "| %d | %.1f | %s | %.1f |\n"
              .formatted(
                  r.size,
                  (double) r.rows(r.sendRows) / r.tlimSends,
                  tables(r.sendRows),
                  r.sendCpuMs / r.tlimSends));
    }
    md.append("\n## Checks\n\n");
    md.append(
        ok
            ? "Every member got every message exactly once on both paths, nobody else got one,"
                + " every send and receipt was answered `ok`, every read count was exact.\n"
            : "**Problems:**\n\n");
    for (String p : problems.subList(0, Math.min(30, problems.size()))) {
      md.append("- ").append(p).append('\n');
    }
    if (problems.size() > 30) {
      md.append("- … ").append(problems.size() - 30).append(" more\n");
    }
    md.append("\nStray messages (belonging to no send): ").append(strays.get()).append(".\n");
    Files.writeString(Path.of(args.get("md")), md);
    Files.writeString(Path.of(args.get("csv")), csv);
    Charts.png(
        Path.of(args.get("png")),
        "Fan-out time against group size: tlim group vs Prosody MUC room",
        "receiving members N",
        "send → last member's copy (ms)",
        lines,
        true);
    log("results: %s", args.get("md"));
  }

  private static String tables(Map<String, long[]> rows) {
    StringBuilder s = new StringBuilder();
    rows.forEach(
        (t, r) ->
            s.append(s.length() == 0 ? "" : ", ")
                .append("%s %d/%d/%d".formatted(t, r[0], r[1], r[2])));
    return s.length() == 0 ? "none" : s.toString();
  }

  /**
   * With {@code profile=<dir>}: records WildFly with JFR over one size's measured sends (both
   * paths: the MUC's share is WildFly idling), written to {@code <dir>/wildfly-N<size>.jfr}.
   */
  private void profile(String action, int size) throws Exception {
    String dir = args.get("profile");
    if (dir == null) {
      return;
    }
    String name = "fanout-N" + size;
    List<String> command = new ArrayList<>(List.of("jcmd", args.get("wildfly")));
    if (action.equals("start")) {
      command.addAll(List.of("JFR.start", "name=" + name, "settings=profile"));
    } else {
      command.addAll(
          List.of("JFR.stop", "name=" + name, "filename=" + dir + "/wildfly-N" + size + ".jfr"));
    }
    Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    if (jcmd.waitFor() != 0) {
      problems.add("JFR " + action + " failed: " + out.strip());
    }
  }

  private static void log(String format, Object... values) {
    System.out.printf("[fanout] " + format + "%n", values);
  }
}
