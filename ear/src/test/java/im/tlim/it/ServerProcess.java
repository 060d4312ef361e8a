package im.tlim.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly with tlim deployed, started and killed by a fault test itself (Arquillian's managed
 * server cannot be killed with SIGKILL and started again). It runs the provisioned server on a base
 * directory of its own, on its own port offset, with the environment an operator would set.
 */
final class ServerProcess implements AutoCloseable {

  private final String name;
  private final Path base;
  private final int portOffset;
  private final Map<String, String> environment;
  private Process script;

  private ServerProcess(String name, int portOffset, Map<String, String> environment) {
    this.name = name;
    this.base = Path.of(System.getProperty("it.fault.dir", "target/fault"), name, "wildfly");
    this.portOffset = portOffset;
    this.environment = environment;
  }

  /** A server on a database of its own in the tests' PostgreSQL cluster (created here). */
  static ServerProcess onPostgres(String name, int portOffset, Map<String, String> settings)
      throws Exception {
    String database = name.replace('-', '_');
    try (Connection admin =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + TestEnvironment.PG_PORT + "/postgres",
                "postgres",
                "");
        var statement = admin.createStatement()) {
      statement.execute("drop database if exists " + database);
      statement.execute("create database " + database + " owner tlim");
    }
    Map<String, String> env = baseEnvironment(settings);
    env.put("TLIM_DB_DRIVER", "postgresql");
    env.put(
        "TLIM_DB_URL", "jdbc:postgresql://127.0.0.1:" + TestEnvironment.PG_PORT + "/" + database);
    env.put("TLIM_DB_USER", "tlim");
    env.put("TLIM_DB_PASSWORD", "tlim");
    return new ServerProcess(name, portOffset, env);
  }

  /** A server on the embedded default (H2 under its data directory), as ./run.sh runs it. */
  static ServerProcess onEmbeddedDefault(
      String name, int portOffset, Map<String, String> settings) {
    Map<String, String> env = baseEnvironment(settings);
    env.keySet().removeIf(k -> k.startsWith("TLIM_DB_"));
    return new ServerProcess(name, portOffset, env);
  }

  /**
   * The tests' XMPP and token settings (inherited from the POM), push off, plus {@code settings}.
   */
  private static Map<String, String> baseEnvironment(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("TLIM_PUSH_URL", "");
    env.putAll(settings);
    return env;
  }

  URI http() {
    return URI.create("http://127.0.0.1:" + (8080 + portOffset));
  }

  /** A fresh base directory with the configured server's configuration and the EAR. */
  ServerProcess prepare() throws Exception {
    kill(); // one an earlier, interrupted run left behind
    // nor may this one outlive the tests
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    kill();
                  } catch (Exception ignored) {
                    // the JVM is exiting
                  }
                }));
    if (Files.exists(base)) {
      try (Stream<Path> old = Files.walk(base)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Path home = Path.of(System.getProperty("wildfly.home"));
    Path configuration = home.resolve("standalone/configuration");
    try (Stream<Path> files = Files.walk(configuration)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target =
            base.resolve("configuration").resolve(configuration.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.createDirectories(base.resolve("deployments"));
    Files.copy(
        Path.of(System.getProperty("it.ear", "target/tlim.ear")),
        base.resolve("deployments/tlim.ear"),
        StandardCopyOption.REPLACE_EXISTING);
    return this;
  }

  /** Starts the server and waits until the application answers; returns how long that took. */
  Duration start() throws Exception {
    long started = System.nanoTime();
    Path home = Path.of(System.getProperty("wildfly.home"));
    Files.deleteIfExists(pidFile());
    ProcessBuilder builder =
        new ProcessBuilder(
            "bash",
            home.resolve("bin/standalone.sh").toString(),
            "-c",
            "standalone-full.xml",
            "-Djboss.server.base.dir=" + base.toAbsolutePath(),
            "-Djboss.socket.binding.port-offset=" + portOffset,
            "-Djboss.tx.node.id=" + name);
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    builder.environment().put("JBOSS_PIDFILE", pidFile().toAbsolutePath().toString());
    builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx1g");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
    script = builder.start();
    awaitAnswering(Duration.ofSeconds(180));
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** Polls the HTTP API until it answers 200 (the EAR is deployed and its database reachable). */
  private void awaitAnswering(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!script.isAlive() && jvm() == null) {
        throw new AssertionError(name + ": WildFly exited; see " + base.resolve("console.log"));
      }
      try {
        Http.Answer answer =
            Http.getAt(
                http(),
                TestEnvironment.serviceToken(),
                "findChatHistory",
                Map.of("session_id", "nobody", "user_id", "no-one"));
        if (answer.status() == 200) {
          return;
        }
      } catch (IOException | RuntimeException notYet) {
        // not listening yet, or the answer is the welcome page's HTML
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + ": the application did not answer within " + timeout);
  }

  /** SIGKILL to the JVM: no shutdown hook, no flush, no goodbye to the XMPP server. */
  void kill() throws Exception {
    ProcessHandle jvm = jvm();
    if (jvm != null) {
      jvm.destroyForcibly();
      jvm.onExit().get(30, TimeUnit.SECONDS);
    }
    if (script != null) {
      script.destroyForcibly();
      script.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A graceful stop (SIGTERM), then SIGKILL if it takes longer than a minute. */
  void stop() throws Exception {
    ProcessHandle jvm = jvm();
    if (jvm != null) {
      jvm.destroy();
      try {
        jvm.onExit().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        jvm.destroyForcibly();
      }
    }
    if (script != null) {
      script.destroyForcibly();
    }
  }

  /** The JVM's used heap right after a full collection (jcmd), in bytes. */
  long heapUsedAfterGc() throws Exception {
    ProcessHandle jvm = jvm();
    if (jvm == null) {
      throw new AssertionError(name + " is not running");
    }
    jcmd(jvm.pid(), "GC.run");
    String info = jcmd(jvm.pid(), "GC.heap_info");
    java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    if (!used.find()) {
      throw new AssertionError("no heap figure in: " + info);
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  private static String jcmd(long pid, String command) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("jcmd " + command + " failed: " + out);
    }
    return out;
  }

  private ProcessHandle jvm() throws IOException {
    if (!Files.exists(pidFile())) {
      return null;
    }
    String pid = Files.readString(pidFile()).trim();
    return pid.isEmpty()
        ? null
        : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).orElse(null);
  }

  private Path pidFile() {
    return base.resolve("wildfly.pid");
  }

  Path log() {
    return base.resolve("log/server.log");
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  @Override
  public String toString() {
    return name + " (" + http() + ")";
  }
}
