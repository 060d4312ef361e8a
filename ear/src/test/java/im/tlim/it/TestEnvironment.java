package im.tlim.it;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** Where the services the build started for the tests are (see test-services.sh and the POM). */
final class TestEnvironment {

  static final String DOMAIN = System.getProperty("it.xmpp.domain", "test.local");
  static final String SERVICE = "tlim." + DOMAIN;
  static final int C2S_PORT = Integer.getInteger("it.xmpp.c2s.port", 5222);
  static final int PG_PORT = Integer.getInteger("it.pg.port", 5432);
  static final URI HTTP = URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port", 8180));

  /** The server's files directory: TLIM_FILES_DIR is not set, so its default under the data dir. */
  static final Path FILES_DIR =
      Path.of(System.getProperty("it.server.base", "target/it/wildfly"), "data", "tlim", "files");

  private TestEnvironment() {}

  /** The application exactly as built: the EAR of this module. */
  static EnterpriseArchive ear() {
    return ShrinkWrap.createFromZipFile(
        EnterpriseArchive.class, new File(System.getProperty("it.ear", "target/tlim.ear")));
  }

  /** Makes sure the directory knows these users (named by their ids), whatever ran before. */
  static void knownUsers(String... ids) throws Exception {
    StringBuilder users = new StringBuilder("[");
    for (String id : ids) {
      users.append(users.length() > 1 ? "," : "").append("{\"user_id\":\"").append(id).append("\"}");
    }
    Http.Answer answer = Http.postJson("addUser", "{\"users\":" + users.append("]") + "}");
    if (answer.status() != 200) {
      throw new AssertionError("addUser failed: " + answer.json());
    }
  }

  /** Runs prosodyctl against the tests' Prosody. */
  static void prosodyctl(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(
        java.util.List.of("prosodyctl", "--config", System.getProperty("it.prosody.config")));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("prosodyctl " + String.join(" ", args) + " failed: " + out);
    }
  }

  static Connection database() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/tlim", "tlim", "tlim");
  }
}
