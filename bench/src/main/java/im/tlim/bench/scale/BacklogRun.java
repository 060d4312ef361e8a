package im.tlim.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P4's drain: the backlog's user fetches the offline store through getOffline pages, acknowledging
 * each page with the next call (get only, {@code getThenClear=1}, and {@code msg_id} = the last
 * message of the page it has: the safe way, SPEC §5), until a call answers nothing. Checks that
 * every waiting message came exactly once and in commit order, and that the user's store is empty
 * afterwards while the other users' is untouched. WildFly's heap is read every second from the
 * management interface's Prometheus endpoint (Micrometer's {@code jvm_memory_used_bytes}).
 */
record BacklogRun(Connection db, Api api, int managementPort, int page) {

  /** One heap sample: seconds since the drain started, used and committed heap in MB. */
  record Sample(double seconds, double usedMb, double committedMb, int drained) {}

  /** The heap sampler's client of the management interface. */
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  boolean run(Path accessLog, Path md, Path csv, Path png, String facts, String load)
      throws Exception {
    String user = BacklogLoad.USER;
    List<String> expected =
        Queries.column(
            db,
            "select m.msg_id from tlim_inbox i join tlim_message m on m.id = i.message_id"
                + " where i.user_id = ? order by m.sync_seq",
            user);
    long othersBefore =
        Queries.number(db, "select count(*) from tlim_inbox where user_id <> ?", user);
    String explain = explain(user, expected);

    List<Sample> samples = new CopyOnWriteArrayList<>();
    AtomicInteger drained = new AtomicInteger();
    long t0 = System.nanoTime();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> {
          double[] heap = heap();
          samples.add(new Sample((System.nanoTime() - t0) / 1e9, heap[0], heap[1], drained.get()));
        },
        0,
        1,
        TimeUnit.SECONDS);
    // a few seconds of the idle server first, as the baseline
    Thread.sleep(5_000);

    Timings timings = new Timings();
    List<String> received = new ArrayList<>();
    List<double[]> pages = new ArrayList<>(); // messages still waiting, client ms
    String ack = null;
    String failure = null;
    long drainStart = System.nanoTime();
    int maxPages = expected.size() / page * 2 + 10;
    for (int i = 0; i < maxPages; i++) {
      Map<String, String> params =
          Api.params("getThenClear", "1", "length", Integer.toString(page));
      if (ack != null) {
        params.put("msg_id", ack);
      }
      String tag = timings.tag("getOffline page");
      Api.Call call;
      try {
        call = api.get(tag, user, "getOffline", params);
      } catch (IOException e) {
        failure = e.getMessage();
        break;
      }
      timings.record(tag, call.clientNanos());
      JsonNode list = call.answer().path("message_list");
      pages.add(new double[] {expected.size() - received.size(), call.clientNanos() / 1e6});
      if (list.isEmpty()) {
        break; // the previous page is acknowledged and nothing waits
      }
      list.forEach(m -> received.add(m.path("msg_id").asText()));
      drained.set(received.size());
      ack = list.get(list.size() - 1).path("msg_id").asText();
    }
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    Thread.sleep(5_000);
    sampler.shutdown();
    sampler.awaitTermination(5, TimeUnit.SECONDS);

    Set<String> distinct = new HashSet<>(received);
    Set<String> lost = new HashSet<>(expected);
    lost.removeAll(distinct);
    int duplicates = received.size() - distinct.size();
    Set<String> stray = new HashSet<>(distinct);
    stray.removeAll(new HashSet<>(expected));
    boolean inOrder = received.equals(expected);
    long left = Queries.number(db, "select count(*) from tlim_inbox where user_id = ?", user);
    long othersAfter =
        Queries.number(db, "select count(*) from tlim_inbox where user_id <> ?", user);
    Map<String, Timings.Summary> summary = timings.summarise(accessLog, 15_000);
    Timings.Summary pageTimes = summary.get("getOffline page");
    boolean ok =
        failure == null
            && lost.isEmpty()
            && duplicates == 0
            && stray.isEmpty()
            && inOrder
            && left == 0
            && othersAfter == othersBefore;

    // heap during the drain only (the samples around it are the idle baseline)
    double drainFrom = (drainStart - t0) / 1e9;
    double drainTo = drainFrom + drainSeconds;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Sample s : samples) {
      if (s.seconds() >= drainFrom && s.seconds() <= drainTo && !Double.isNaN(s.usedMb())) {
        min = Math.min(min, s.usedMb());
        max = Math.max(max, s.usedMb());
      }
    }
    Charts.Lines heapLines = new Charts.Lines();
    StringBuilder c = new StringBuilder("seconds,heap_used_mb,heap_committed_mb,drained\n");
    for (Sample s : samples) {
      heapLines.add("heap used (MB)", s.seconds(), s.usedMb());
      heapLines.add("heap committed (MB)", s.seconds(), s.committedMb());
      heapLines.add("messages drained (thousands)", s.seconds(), s.drained() / 1000.0);
      c.append(
          String.format(
              "%.1f,%.1f,%.1f,%d\n", s.seconds(), s.usedMb(), s.committedMb(), s.drained()));
    }
    Charts.png(
        png,
        String.format(
            "WildFly heap while %d offline messages drain (drain from %.0f s to %.0f s)",
            expected.size(), drainFrom, drainTo),
        "seconds",
        "MB / thousands of messages",
        heapLines,
        false);
    Charts.Lines pageLines = new Charts.Lines();
    for (double[] p : pages) {
      pageLines.add("getOffline page, client ms", p[0], p[1]);
    }
    Path pagesPng = png.resolveSibling(png.getFileName().toString().replace(".png", "-pages.png"));
    Charts.png(
        pagesPng,
        "getOffline page time against the messages still waiting",
        "messages still waiting in the user's offline store",
        "ms per page (client-side)",
        pageLines,
        false);

    StringBuilder doc = new StringBuilder("# P4: offline backlog\n\n");
    doc.append(facts).append("\n\nData: ").append(load).append("\n\n");
    doc.append(
        String.format(
            "Drained by getOffline pages of %d (`getThenClear=1`, each call acknowledging the previous"
                + " page with its last `msg_id`), one call at a time.\n\n",
            page));
    doc.append("| | |\n|---|---|\n");
    doc.append(String.format("| waiting before | %d |\n", expected.size()));
    doc.append(String.format("| received | %d in %d calls |\n", received.size(), pages.size()));
    doc.append(String.format("| **lost** | **%d** |\n", lost.size()));
    doc.append(String.format("| **duplicated** | **%d** |\n", duplicates));
    doc.append(String.format("| not from the store | %d |\n", stray.size()));
    doc.append(String.format("| in commit order (sync_seq) | %s |\n", inOrder ? "yes" : "**no**"));
    doc.append(String.format("| left in the user's store afterwards | %d |\n", left));
    doc.append(
        String.format(
            "| other users' inbox rows before / after | %d / %d |\n", othersBefore, othersAfter));
    doc.append(
        String.format(
            "| **drain time / rate** | %.1f s, **%.0f messages/s** |\n",
            drainSeconds, received.size() / drainSeconds));
    if (pageTimes != null) {
      doc.append(
          String.format(
              "| page time, server p50 / p99 / max | %s / %s / %s ms (%d of %d calls in the access"
                  + " log) |\n",
              Timings.ms(pageTimes.serverP50()),
              Timings.ms(pageTimes.serverP99()),
              Timings.ms(pageTimes.serverMax()),
              pageTimes.logged(),
              pageTimes.calls()));
      doc.append(
          String.format(
              "| page time, client p50 / p99 | %s / %s ms |\n",
              Timings.ms(pageTimes.clientP50()), Timings.ms(pageTimes.clientP99())));
    }
    doc.append(
        String.format(
            "| heap used during the drain, min / max | %.0f / %.0f MB (-Xmx1g; sampled every second) |\n",
            min == Double.MAX_VALUE ? Double.NaN : min, max));
    if (failure != null) {
      doc.append("\nThe drain stopped on a failed call: `").append(failure).append("`\n");
    }
    doc.append("\nResult: ").append(ok ? "**ok**" : "**FAILED**").append("\n\n");
    doc.append("![heap during the drain](").append(png.getFileName()).append(")\n\n");
    doc.append("![page time against the backlog](").append(pagesPng.getFileName()).append(")\n\n");
    doc.append(
        "## What PostgreSQL does for a page (EXPLAIN ANALYZE on the loaded store, before the drain)\n\n");
    doc.append(explain);
    Files.writeString(md, doc.toString());
    Files.writeString(csv, c.toString());
    return ok;
  }

  /**
   * The page query and the acknowledgement's delete as the service sends them, on the full store
   * (the delete rolled back).
   */
  private String explain(String user, List<String> expected) throws SQLException {
    StringBuilder out = new StringBuilder();
    String page =
        "select i.*, m.* from tlim_inbox i, tlim_message m where i.user_id = '"
            + user
            + "'"
            + " and m.id = i.message_id and m.sync_seq is not null order by m.sync_seq limit "
            + (this.page + 1);
    long ackSeq =
        expected.isEmpty()
            ? 0
            : Queries.number(
                db,
                "select sync_seq from tlim_message where msg_id = ?",
                expected.get(Math.min(this.page, expected.size()) - 1));
    String delete =
        "delete from tlim_inbox i where i.user_id = '"
            + user
            + "' and exists (select m.id from"
            + " tlim_message m where m.id = i.message_id and m.sync_seq <= "
            + ackSeq
            + ")";
    db.setAutoCommit(false);
    try {
      for (String[] q :
          new String[][] {{"a page", page}, {"the acknowledgement of the first page", delete}}) {
        out.append("**").append(q[0]).append("**: `").append(q[1]).append("`\n\n");
        out.append(Queries.explain(db, q[1]));
      }
    } finally {
      db.rollback();
      db.setAutoCommit(true);
    }
    return out.toString();
  }

  /** Used and committed heap in MB from the management interface; NaN when it cannot be read. */
  private double[] heap() {
    try {
      HttpRequest r =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/prometheus"))
              .timeout(Duration.ofSeconds(2))
              .build();
      String text = HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body();
      double used = 0;
      double committed = 0;
      for (String line : text.split("\n")) {
        if (line.startsWith("#") || !line.contains("area=\"heap\"")) {
          continue;
        }
        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        if (line.startsWith("jvm_memory_used_bytes")) {
          used += v;
        } else if (line.startsWith("jvm_memory_committed_bytes")) {
          committed += v;
        }
      }
      return used == 0
          ? new double[] {Double.NaN, Double.NaN}
          : new double[] {used / 1e6, committed / 1e6};
    } catch (IOException | RuntimeException e) {
      return new double[] {Double.NaN, Double.NaN};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new double[] {Double.NaN, Double.NaN};
    }
  }
}
