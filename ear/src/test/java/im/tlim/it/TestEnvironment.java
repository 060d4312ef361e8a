package im.tlim.it;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** Where the services the build started for the tests are (see test-services.sh and the POM). */
final class TestEnvironment {

  static final String DOMAIN = System.getProperty("it.xmpp.domain", "test.local");
  static final String SERVICE = "tlim." + DOMAIN;
  static final int C2S_PORT = Integer.getInteger("it.xmpp.c2s.port", 5222);
  static final int PG_PORT = Integer.getInteger("it.pg.port", 5432);

  /** The run's own database in the cluster (each XMPP server's run has one). */
  static final String PG_DATABASE = System.getProperty("it.pg.database", "tlim");

  /** Which XMPP server this run is against (prosody | ejabberd), and the folder it runs from. */
  static final String XMPP_SERVER = System.getProperty("it.xmpp.server", "prosody");

  static final String XMPP_DIR = System.getProperty("it.xmpp.dir", "target/it/" + XMPP_SERVER);

  /** scripts/services.sh, which starts, stops and registers users on either server. */
  static final String SERVICES_SCRIPT =
      System.getProperty("it.services.script", "../scripts/services.sh");

  static final URI HTTP =
      URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port", 8180));

  /** The server's files directory: TLIM_FILES_DIR is not set, so its default under the data dir. */
  static final Path FILES_DIR =
      Path.of(System.getProperty("it.server.base", "target/it/wildfly"), "data", "tlim", "files");

  /** The token settings the server was given (ear/pom.xml): the tests mint tokens it accepts. */
  static final String JWT_ISSUER = System.getProperty("it.jwt.issuer");

  static final String JWT_AUDIENCE = System.getProperty("it.jwt.audience");
  static final String JWT_SECRET = System.getProperty("it.jwt.secret");

  /** The subject of the tests' service-role tokens (the company's backend). */
  static final String SERVICE_SUBJECT = "it-backend";

  private TestEnvironment() {}

  /** A valid token of the service role, which may act for any user. */
  static String serviceToken() {
    return token(SERVICE_SUBJECT, List.of("service"));
  }

  /** A valid token of a user. */
  static String userToken(String userId) {
    return token(userId, List.of("user"));
  }

  /** A token signed with the server's secret, valid for ten minutes. */
  static String token(String subject, List<String> groups) {
    return token(
        subject, groups, JWT_ISSUER, JWT_AUDIENCE, Instant.now().plusSeconds(600), JWT_SECRET);
  }

  /** A token with every part chosen (to make invalid ones). */
  static String token(
      String subject,
      List<String> groups,
      String issuer,
      String audience,
      Instant expiry,
      String secret) {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issuer(issuer)
            .audience(audience)
            .issueTime(Date.from(Instant.now().minusSeconds(5)))
            .expirationTime(Date.from(expiry))
            .claim("groups", groups)
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** The Authorization header's value for a token. */
  static String bearer(String token) {
    return "Bearer " + token;
  }

  /** The application exactly as built: the EAR of this module. */
  static EnterpriseArchive ear() {
    return ShrinkWrap.createFromZipFile(
        EnterpriseArchive.class, new File(System.getProperty("it.ear", "target/tlim.ear")));
  }

  /** Makes sure the directory knows these users (named by their ids), whatever ran before. */
  static void knownUsers(String... ids) throws Exception {
    Http.Answer answer = Http.postJson("addUser", "{\"users\":" + Users.list(ids) + "}");
    if (answer.status() != 200) {
      throw new AssertionError("addUser failed: " + answer.json());
    }
  }

  /**
   * Restarts the run's XMPP server (stopped, then started again as configured) and waits for its
   * ports.
   */
  static void restartXmppServer() throws Exception {
    xmppServer("xmpp_server_restart");
  }

  /** Stops the run's XMPP server; every stream to it, the service's included, is closed. */
  static void stopXmppServer() throws Exception {
    xmppServer("xmpp_server_stop");
  }

  /** Starts the run's XMPP server again after {@link #stopXmppServer} and waits for its ports. */
  static void startXmppServer() throws Exception {
    xmppServer("xmpp_server_start");
  }

  /** Gives a user an account on the run's XMPP server. */
  static void registerXmppUser(String user, String password) throws Exception {
    xmppServer("xmpp_server_register", user, DOMAIN, password);
  }

  /** Calls one of services.sh's server-neutral functions on the run's XMPP server. */
  private static void xmppServer(String function, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("bash", SERVICES_SCRIPT, function, XMPP_SERVER, XMPP_DIR));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed: " + out);
    }
  }

  /** How many of these msg_ids are stored in PostgreSQL. */
  static int storedMessages(String... msgIds) throws SQLException {
    return count("select count(*) from tlim_message where msg_id = ?", msgIds);
  }

  /** A count query run once per argument, summed. */
  static int count(String sql, String... arguments) throws SQLException {
    int rows = 0;
    try (Connection db = database();
        var q = db.prepareStatement(sql)) {
      for (String argument : arguments) {
        if (sql.contains("?")) {
          q.setString(1, argument);
        }
        try (var rs = q.executeQuery()) {
          rs.next();
          rows += rs.getInt(1);
        }
      }
    }
    return rows;
  }

  /** The first column of every row a query with one argument returns, as text, in order. */
  static List<String> column(String sql, String argument) throws SQLException {
    List<String> values = new java.util.ArrayList<>();
    for (List<String> row : rows(sql, argument)) {
      values.add(row.get(0));
    }
    return values;
  }

  /** The columns of every row a query with one argument returns, as text (null for NULL). */
  static List<List<String>> rows(String sql, String argument) throws SQLException {
    List<List<String>> rows = new java.util.ArrayList<>();
    try (Connection db = database();
        var q = db.prepareStatement(sql)) {
      q.setString(1, argument);
      try (var rs = q.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new java.util.ArrayList<>();
          for (int i = 1; i <= columns; i++) {
            row.add(rs.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  static Connection database() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + PG_DATABASE, "tlim", "tlim");
  }
}
