package im.tlim.bench.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The steps of the scale scenarios, one per command, as bench/history.sh and bench/backlog.sh run
 * them between starting and stopping the servers:
 *
 * <pre>
 *   load-history   pg=PORT messages=N out=FILE            (COPY, then ANALYZE; a line of facts)
 *   history        pg=PORT http=PORT secret=S log=ACCESS_LOG md= csv= png= facts= load= calls= sync-calls=
 *   load-backlog   pg=PORT backlog=N out=FILE
 *   backlog        pg=PORT http=PORT management=PORT secret=S log= md= csv= png= facts= load= page=
 * </pre>
 *
 * Exit status 0 when every answer was right (and, for the backlog, nothing lost or duplicated).
 */
public final class Scale {

  private Scale() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      a.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    int pg = Integer.parseInt(a.get("pg"));
    boolean ok;
    try (Connection db = Copy.connect(pg)) {
      switch (args[0]) {
        case "load-history" ->
            ok = loaded(db, new HistoryLoad(Integer.parseInt(a.get("messages"))).load(db), a);
        case "load-backlog" ->
            ok = loaded(db, new BacklogLoad(Integer.parseInt(a.get("backlog"))).load(db), a);
        case "history" ->
            ok =
                measure(
                    db,
                    a,
                    new HistoryRun(
                            db,
                            api(a),
                            Integer.parseInt(a.getOrDefault("calls", "300")),
                            Integer.parseInt(a.getOrDefault("sync-calls", "100")))
                        ::run);
        case "backlog" ->
            ok =
                measure(
                    db,
                    a,
                    new BacklogRun(
                            db,
                            api(a),
                            Integer.parseInt(a.get("management")),
                            Integer.parseInt(a.getOrDefault("page", "100")))
                        ::run);
        default -> throw new IllegalArgumentException("unknown step " + args[0]);
      }
    }
    System.exit(ok ? 0 : 1);
  }

  /** A measurement against the loaded database, as HistoryRun and BacklogRun run one. */
  private interface Measurement {
    boolean run(Path accessLog, Path md, Path csv, Path png, String facts, String load)
        throws Exception;
  }

  private static Api api(Map<String, String> a) {
    return new Api(Integer.parseInt(a.get("http")), a.get("secret"));
  }

  /** Runs the measurement (its reads commit one by one) on the step's files. */
  private static boolean measure(Connection db, Map<String, String> a, Measurement m)
      throws Exception {
    db.setAutoCommit(true);
    return m.run(
        Path.of(a.get("log")),
        Path.of(a.get("md")),
        Path.of(a.get("csv")),
        Path.of(a.get("png")),
        Files.readString(Path.of(a.get("facts"))).trim(),
        Files.readString(Path.of(a.get("load"))).trim());
  }

  /**
   * After a bulk load: fresh statistics, as an operator would have them (autovacuum's job), and the
   * load's line of facts in {@code out} for the results.
   */
  private static boolean loaded(Connection db, String facts, Map<String, String> a)
      throws Exception {
    db.setAutoCommit(true);
    try (Statement s = db.createStatement()) {
      s.execute("vacuum analyze");
    }
    Files.writeString(Path.of(a.get("out")), facts);
    System.out.println(facts);
    return true;
  }
}
