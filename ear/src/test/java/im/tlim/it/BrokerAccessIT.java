package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * What a remote client can do with the broker and what an operator can read: the approval queue is
 * not exported for remote JNDI, a remote JMS client must log in, an application user may send to
 * the approval queue only with the role {@code tlim-approval} and to tlim's other queues not at
 * all; the XMPP component secret is in neither the management model nor the log in clear. The
 * remote client is a plain Artemis client over the HTTP port (HTTP upgrade), as a remote approval
 * workflow connects.
 */
class BrokerAccessIT extends BlackBoxTest {

  private static final String BROKER =
      "tcp://127.0.0.1:"
          + TestEnvironment.HTTP.getPort()
          + "?httpUpgradeEnabled=true&httpUpgradeEndpoint=http-acceptor";
  private static final Path CONFIG =
      Path.of(System.getProperty("it.server.base", "target/it/wildfly"), "configuration");

  @ArquillianResource private ManagementClient management;

  @Test
  void theApprovalQueueIsNotExportedForRemoteJndi() throws Exception {
    ModelNode entries = read(queue("tlim.approval"), "entries");
    assertEquals(1, entries.asList().size(), entries.toString());
    assertEquals("java:/jms/queue/tlim/approval", entries.get(0).asString());
    ModelNode view = new ModelNode();
    view.get("operation").set("jndi-view");
    view.get("address").add("subsystem", "naming");
    ModelNode exported = execute(view).get("java: contexts").get("java:jboss/exported");
    assertTrue(exported.isDefined(), "the server exports its remote connection factory");
    assertFalse(exported.toString().contains("tlim"), "nothing of tlim is exported: " + exported);
  }

  @Test
  void anUnauthenticatedRemoteSendIsRefused() throws Exception {
    String user = recipient();
    assertThrows(
        JMSSecurityException.class,
        () -> send(null, null, "jms.queue.tlim.approval", notice(user, "anonymous")));
    assertNoticeOnlyAfterMarker(user, "anonymous");
  }

  @Test
  void anApplicationUserNeedsTheApprovalRole() throws Exception {
    String guest = applicationUser("guest");
    String user = recipient();
    assertThrows(
        JMSSecurityException.class,
        () -> send(guest, guest, "jms.queue.tlim.approval", notice(user, "as guest")),
        "the default role guest may not send approvals");
    assertThrows(
        JMSSecurityException.class,
        () ->
            send(
                guest,
                guest,
                "jms.queue.tlim.delivery",
                "{\"envelope\":\"{}\",\"recipients\":[\"" + user + "\"]}"),
        "nor forge deliveries");
    assertNoticeOnlyAfterMarker(user, "as guest");

    // the documented way in: an application user with the role tlim-approval
    String workflow = applicationUser("tlim-approval");
    send(workflow, workflow, "jms.queue.tlim.approval", notice(user, "from the workflow"));
    awaitNotice(user, "from the workflow");
  }

  @Test
  void theComponentSecretIsNotInTheManagementModelOrTheLogInClear() throws Exception {
    String secret = System.getenv("TLIM_XMPP_SECRET");
    assertTrue(secret != null && secret.length() >= 8, "the run gives the server a secret");
    ModelNode all = new ModelNode();
    all.get("operation").set("read-resource");
    all.get("address").setEmptyList();
    all.get("recursive").set(true);
    all.get("include-runtime").set(true);
    String model = execute(all).toString();
    assertTrue(model.contains("componentSecret"), "the property is configured");
    assertFalse(model.contains(secret), "the management model shows the secret in clear");
    ModelNode ear = new ModelNode();
    ear.get("operation").set("read-resource");
    ear.get("address").add("deployment", "tlim.ear");
    ear.get("recursive").set(true);
    ear.get("include-runtime").set(true);
    assertFalse(
        execute(ear).toString().contains(secret), "the deployment's model shows the secret");
    Path log =
        Path.of(System.getProperty("it.server.base", "target/it/wildfly"), "log", "server.log");
    assertTrue(Files.size(log) > 0);
    assertFalse(
        Files.readString(log, StandardCharsets.UTF_8).contains(secret),
        "server.log shows the secret");
  }

  /** No notice with this title reached the user: one sent after it over HTTP arrives alone. */
  private void assertNoticeOnlyAfterMarker(String user, String refusedTitle) throws Exception {
    Http.Answer marker =
        Http.postJson(
            "approval",
            "{msg_to:'"
                + user
                + "', params:[{bizId:'b', docTitle:'marker', solId:'s', spType:'t', wzType:'w', taskId:'m'}]}");
    marker.assertOk();
    JsonNode offline = awaitNotice(user, "marker");
    assertFalse(offline.toString().contains(refusedTitle), "a refused send was stored: " + offline);
  }

  /** Waits until the user's offline store holds an MTB-000 with this title; the store. */
  private static JsonNode awaitNotice(String user, String title) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      JsonNode list =
          Http.getAs(
                  TestEnvironment.userToken(user),
                  "getOffline",
                  Map.of("user_id", user, "getThenClear", "1", "length", "1000"))
              .json()
              .path("message_list");
      for (JsonNode item : list) {
        if (item.path("msg_type").asText().equals("MTB-000")
            && item.path("body").asText().contains(title)) {
          return list;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no approval notice '" + title + "' for " + user + ": " + list);
      }
      Thread.sleep(100);
    }
  }

  private static String notice(String user, String title) {
    return "{\"msg_to\":\""
        + user
        + "\",\"params\":[{\"bizId\":\"b\",\"docTitle\":\""
        + title
        + "\",\"solId\":\"s\",\"spType\":\"t\",\"wzType\":\"w\",\"taskId\":\"t1\"}]}";
  }

  private static String recipient() throws Exception {
    String user = "approver-" + Envelopes.newId().substring(0, 8);
    TestEnvironment.knownUsers(user);
    return user;
  }

  /** A remote JMS client's send, logged in as the user (anonymous when null). */
  private static void send(String user, String password, String queue, String text)
      throws Exception {
    ConnectionFactory factory = new ActiveMQConnectionFactory(BROKER);
    try (Connection connection =
        user == null ? factory.createConnection() : factory.createConnection(user, password)) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue(queue));
      producer.send(session.createTextMessage(text));
    }
  }

  /**
   * A new application user of the server with one role, added as add-user.sh would (the realm's
   * files, then the realm reloaded); the password is the user's name.
   */
  private String applicationUser(String role) throws Exception {
    String user = "jms-" + role + "-" + Envelopes.newId().substring(0, 8);
    byte[] digest =
        MessageDigest.getInstance("MD5")
            .digest((user + ":ApplicationRealm:" + user).getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        CONFIG.resolve("application-users.properties"),
        "\n" + user + "=" + HexFormat.of().formatHex(digest) + "\n",
        StandardOpenOption.APPEND);
    Files.writeString(
        CONFIG.resolve("application-roles.properties"),
        "\n" + user + "=" + role + "\n",
        StandardOpenOption.APPEND);
    ModelNode load = new ModelNode();
    load.get("operation").set("load");
    load.get("address").add("subsystem", "elytron").add("properties-realm", "ApplicationRealm");
    execute(load);
    return user;
  }

  private static ModelNode queue(String name) {
    ModelNode address = new ModelNode();
    address.add("subsystem", "messaging-activemq").add("server", "default").add("jms-queue", name);
    return address;
  }

  private ModelNode read(ModelNode address, String attribute) throws Exception {
    ModelNode op = new ModelNode();
    op.get("operation").set("read-attribute");
    op.get("address").set(address);
    op.get("name").set(attribute);
    return execute(op);
  }

  private ModelNode execute(ModelNode op) throws Exception {
    ModelNode result = management.getControllerClient().execute(op);
    assertEquals("success", result.get("outcome").asString(), result.toString());
    return result.get("result");
  }
}
