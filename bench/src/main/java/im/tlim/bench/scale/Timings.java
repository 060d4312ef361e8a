package im.tlim.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The times of tagged calls, client-side as measured by the harness and server-side as Undertow's
 * access log has them ({@code %{RESPONSE_TIME_MICROS}}: from the request's first byte read to the
 * response's end, inside WildFly). A call's tag is {@code <group>#<n>}; percentiles are per group.
 */
public final class Timings {

  /** Percentiles of one group, in milliseconds; server figures NaN when the log lacks a call. */
  record Summary(
      int calls,
      int logged,
      double serverP50,
      double serverP90,
      double serverP99,
      double serverMax,
      double clientP50,
      double clientP99) {}

  private final Map<String, List<Long>> clientNanos = new LinkedHashMap<>();
  private final Map<String, String> groupOfTag = new HashMap<>();
  private final String prefix;
  private int sequence;

  Timings() {
    this("");
  }

  /** Timings whose tags start with {@code prefix}, apart from every other Timings' in the log. */
  Timings(String prefix) {
    this.prefix = prefix;
  }

  /** A fresh tag for a call of {@code group}. */
  String tag(String group) {
    String tag = prefix + group + "#" + (sequence++);
    groupOfTag.put(tag, group);
    return tag;
  }

  void record(String tag, long nanos) {
    clientNanos.computeIfAbsent(groupOfTag.get(tag), g -> new ArrayList<>()).add(nanos);
  }

  /**
   * Reads the access log until every recorded call is in it (it is written asynchronously) or
   * {@code waitMillis} passed, and summarises each group.
   */
  Map<String, Summary> summarise(Path accessLog, long waitMillis)
      throws IOException, InterruptedException {
    int expected = clientNanos.values().stream().mapToInt(List::size).sum();
    Map<String, List<Long>> serverMicros = new HashMap<>();
    long deadline = System.currentTimeMillis() + waitMillis;
    while (true) {
      serverMicros.clear();
      int found = 0;
      if (Files.exists(accessLog)) {
        for (String line : Files.readAllLines(accessLog)) {
          // "<tag> <micros> <status>": the tag may hold spaces, so it is read from the end
          String[] f = line.trim().split(" ");
          if (f.length < 3) {
            continue;
          }
          String tag = String.join(" ", Arrays.copyOfRange(f, 0, f.length - 2));
          if (!groupOfTag.containsKey(tag)) {
            continue;
          }
          try {
            serverMicros
                .computeIfAbsent(groupOfTag.get(tag), g -> new ArrayList<>())
                .add(Long.parseLong(f[f.length - 2]));
            found++;
          } catch (NumberFormatException e) {
            // "-": no start time recorded
          }
        }
      }
      if (found >= expected || System.currentTimeMillis() > deadline) {
        break;
      }
      Thread.sleep(500);
    }
    Map<String, Summary> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Long>> e : clientNanos.entrySet()) {
      double[] client = e.getValue().stream().mapToDouble(n -> n / 1e6).sorted().toArray();
      double[] server =
          serverMicros.getOrDefault(e.getKey(), List.of()).stream()
              .mapToDouble(n -> n / 1e3)
              .sorted()
              .toArray();
      out.put(
          e.getKey(),
          new Summary(
              client.length,
              server.length,
              percentile(server, 50),
              percentile(server, 90),
              percentile(server, 99),
              server.length == 0 ? Double.NaN : server[server.length - 1],
              percentile(client, 50),
              percentile(client, 99)));
    }
    return out;
  }

  /** Nearest-rank percentile of sorted values. */
  public static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public static String ms(double v) {
    return Double.isNaN(v) ? "–" : String.format(v < 10 ? "%.2f" : "%.1f", v);
  }
}
