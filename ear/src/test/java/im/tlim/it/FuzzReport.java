package im.tlim.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one fuzz phase saw: counters and histograms for the figures printed at the end, and every
 * property that failed, printed at once with the seed, the input's index and the exact input, and
 * written to {@code target/fuzz-failures/}.
 */
final class FuzzReport {

  static final Path FAILURES = Path.of("target", "fuzz-failures");
  private static final int PRINTED = 40;
  private static final int WRITTEN = 500;

  final String phase;
  final long seed;
  private final Map<String, AtomicInteger> counters = new ConcurrentSkipListMap<>();
  private final Map<String, AtomicInteger> histogram = new ConcurrentSkipListMap<>();
  private final Map<String, AtomicInteger> failuresByProperty = new ConcurrentSkipListMap<>();
  private final List<String> failures = new ArrayList<>();

  FuzzReport(String phase, long seed) {
    this.phase = phase;
    this.seed = seed;
  }

  static void clearFailures() throws IOException {
    if (Files.isDirectory(FAILURES)) {
      try (var files = Files.list(FAILURES)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
    }
  }

  void count(String counter) {
    counters.computeIfAbsent(counter, k -> new AtomicInteger()).incrementAndGet();
  }

  void add(String counter, int n) {
    counters.computeIfAbsent(counter, k -> new AtomicInteger()).addAndGet(n);
  }

  int get(String counter) {
    AtomicInteger c = counters.get(counter);
    return c == null ? 0 : c.get();
  }

  /** One answer's outcome: {@code ok} or its code (HTTP: the status and the code). */
  void answered(String outcome) {
    histogram.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
  }

  int failures() {
    synchronized (failures) {
      return failures.size();
    }
  }

  List<String> failureSummaries() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /**
   * A property failed for one input: printed (the first few) and written to a file of its own with
   * the seed, the index, the property and the exact input.
   */
  void fail(String property, String index, String detail, String input) {
    int n;
    synchronized (failures) {
      failures.add(property + " @ " + index + ": " + detail);
      n = failures.size();
    }
    failuresByProperty.computeIfAbsent(property, k -> new AtomicInteger()).incrementAndGet();
    String text =
        "FUZZ FAILURE ["
            + phase
            + "] property: "
            + property
            + "\n"
            + "seed: "
            + seed
            + " (rerun with -Dfuzz.seed="
            + seed
            + ")\n"
            + "input: "
            + index
            + "\n"
            + "detail: "
            + detail
            + "\n"
            + "---- input\n"
            + input
            + "\n";
    if (n <= PRINTED) {
      System.out.println(
          text.length() > 6000 ? text.substring(0, 6000) + "…(see " + FAILURES + ")" : text);
    }
    if (n <= WRITTEN) {
      try {
        Files.createDirectories(FAILURES);
        String name =
            phase
                + "-"
                + index.replaceAll("[^A-Za-z0-9.-]", "_")
                + "-"
                + property.replaceAll("[^A-Za-z0-9]+", "-")
                + ".txt";
        Files.writeString(FAILURES.resolve(name), text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The figures: counters, the outcome histogram, failed properties. */
  String figures() {
    StringBuilder out = new StringBuilder();
    out.append("==== fuzz figures [").append(phase).append("], seed ").append(seed).append('\n');
    counters.forEach((k, v) -> out.append(String.format("  %-34s %8d%n", k, v.get())));
    out.append("  answers by outcome:\n");
    histogram.forEach((k, v) -> out.append(String.format("    %-32s %8d%n", k, v.get())));
    out.append("  failed properties: ")
        .append(failuresByProperty.isEmpty() ? "none" : failuresByProperty.toString())
        .append('\n');
    return out.toString();
  }
}
