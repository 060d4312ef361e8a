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
        case "load-history" -> {
          String line = new HistoryLoad(Integer.parseInt(a.get("messages"))).load(db);
          analyze(db);
          Files.writeString(Path.of(a.get("out")), line);
          System.out.println(line);
          ok = true;
        }
        case "load-backlog" -> {
          String line = new BacklogLoad(Integer.parseInt(a.get("backlog"))).load(db);
          analyze(db);
          Files.writeString(Path.of(a.get("out")), line);
          System.out.println(line);
          ok = true;
        }
        case "history" -> {
          db.setAutoCommit(true);
          ok =
              new HistoryRun(
                      db,
                      new Api(Integer.parseInt(a.get("http")), a.get("secret")),
                      Integer.parseInt(a.getOrDefault("calls", "300")),
                      Integer.parseInt(a.getOrDefault("sync-calls", "100")))
                  .run(
                      Path.of(a.get("log")),
                      Path.of(a.get("md")),
                      Path.of(a.get("csv")),
                      Path.of(a.get("png")),
                      Files.readString(Path.of(a.get("facts"))).trim(),
                      Files.readString(Path.of(a.get("load"))).trim());
        }
        case "backlog" -> {
          db.setAutoCommit(true);
          ok =
              new BacklogRun(
                      db,
                      new Api(Integer.parseInt(a.get("http")), a.get("secret")),
                      Integer.parseInt(a.get("management")),
                      Integer.parseInt(a.getOrDefault("page", "100")))
                  .run(
                      Path.of(a.get("log")),
                      Path.of(a.get("md")),
                      Path.of(a.get("csv")),
                      Path.of(a.get("png")),
                      Files.readString(Path.of(a.get("facts"))).trim(),
                      Files.readString(Path.of(a.get("load"))).trim());
        }
        default -> throw new IllegalArgumentException("unknown step " + args[0]);
      }
    }
    System.exit(ok ? 0 : 1);
  }

  /** Fresh statistics after a bulk load, as an operator would have them (autovacuum's job). */
  private static void analyze(Connection db) throws Exception {
    db.setAutoCommit(true);
    try (Statement s = db.createStatement()) {
      s.execute("vacuum analyze");
    }
  }
}
