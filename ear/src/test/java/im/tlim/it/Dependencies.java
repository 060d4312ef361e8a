package im.tlim.it;

import java.util.concurrent.TimeUnit;

/** Stops and starts the real services the application depends on, as a fault would. */
final class Dependencies {

  private Dependencies() {}

  /** PostgreSQL stopped like a crash: no checkpoint, every connection cut. */
  static void stopPostgresNow() throws Exception {
    services("postgres_stop_now");
  }

  static void startPostgresAgain() throws Exception {
    services("postgres_start_again");
  }

  /** Runs a function of scripts/services.sh on the tests' PostgreSQL cluster. */
  private static void services(String function) throws Exception {
    String script = System.getProperty("it.services.script");
    String state = System.getProperty("it.pg.state");
    Process p =
        new ProcessBuilder("bash", script, function, state).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(function + " failed: " + out);
    }
  }
}
