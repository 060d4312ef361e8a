package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.impl.JidCreate;

/** A real XMPP client (Smack over c2s) of a test user, collecting what the service sends it. */
final class XmppClient implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A message from the service, with its envelope parsed. */
  record Received(Message stanza, JsonNode envelope) {
    String type() {
      return envelope.path("msg_type").asText();
    }

    /** A field of the envelope's first body item, as text ("" when it has none). */
    String bodyText(String field) {
      return envelope.path("body").path(0).path(field).asText();
    }

    String location() {
      ExtensionElement e = stanza.getExtensionElement("tlim", "im.itonglian.com");
      return e instanceof StandardExtensionElement s ? s.getAttributeValue("location") : null;
    }
  }

  final String user;
  final String resource;
  private final XMPPTCPConnection connection;
  private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final java.util.concurrent.CountDownLatch serviceSawUs =
      new java.util.concurrent.CountDownLatch(1);

  private XmppClient(String user, String resource, XMPPTCPConnection connection) {
    this.user = user;
    this.resource = resource;
    this.connection = connection;
  }

  static XmppClient login(String user, String resource) throws Exception {
    XMPPTCPConnectionConfiguration config =
        XMPPTCPConnectionConfiguration.builder()
            .setXmppDomain(TestEnvironment.DOMAIN)
            .setHost("127.0.0.1")
            .setPort(TestEnvironment.C2S_PORT)
            .setSecurityMode(SecurityMode.disabled)
            .setUsernameAndPassword(user, user + "pw")
            .setResource(resource)
            .build();
    XMPPTCPConnection connection = new XMPPTCPConnection(config);
    connection.setReplyTimeout(10_000);
    XmppClient client = new XmppClient(user, resource, connection);
    connection.addAsyncStanzaListener(
        stanza -> client.serviceSawUs.countDown(),
        stanza ->
            stanza instanceof org.jivesoftware.smack.packet.Presence p
                && p.getFrom() != null
                && p.getFrom().toString().equals(TestEnvironment.SERVICE)
                && p.getType() == org.jivesoftware.smack.packet.Presence.Type.available);
    // synchronous: Smack calls it in arrival order, so the inbox keeps the order of delivery
    connection.addSyncStanzaListener(
        stanza -> {
          Message m = (Message) stanza;
          if (m.getBody() != null
              && m.getFrom() != null
              && m.getFrom().toString().equals(TestEnvironment.SERVICE)) {
            client.inbox.add(new Received(m, parse(m.getBody())));
          }
        },
        stanza -> stanza instanceof Message);
    connection.connect().login();
    return client;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      return JSON.createObjectNode().put("unparsable", body);
    }
  }

  /** Waits until the service's component answers a ping, i.e. the application is connected. */
  void awaitService(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    PingManager ping = PingManager.getInstanceFor(connection);
    while (true) {
      try {
        if (ping.ping(JidCreate.from(TestEnvironment.SERVICE), 2000)) {
          return;
        }
      } catch (SmackException.NoResponseException e) {
        // component not connected yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the service did not come up on XMPP within " + timeout);
      }
      Thread.sleep(250);
    }
  }

  /**
   * Sends directed presence to the service and waits for the service's presence in return: from
   * then on the service counts this device as online (and knows the user).
   */
  XmppClient announce() throws Exception {
    connection.sendStanza(
        connection
            .getStanzaFactory()
            .buildPresenceStanza()
            .to(JidCreate.from(TestEnvironment.SERVICE))
            .build());
    if (!serviceSawUs.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("the service did not acknowledge " + user + "'s presence");
    }
    return this;
  }

  /**
   * Subscribes to the service (it approves and subscribes back, which this client accepts), so the
   * XMPP server tells the service about this user's presence, also when the service asks.
   */
  XmppClient subscribe() throws Exception {
    org.jivesoftware.smack.roster.Roster roster =
        org.jivesoftware.smack.roster.Roster.getInstanceFor(connection);
    roster.setSubscriptionMode(org.jivesoftware.smack.roster.Roster.SubscriptionMode.accept_all);
    org.jxmpp.jid.BareJid service = JidCreate.bareFrom(TestEnvironment.SERVICE);
    roster.createItemAndRequestSubscription(service, "tlim", null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      org.jivesoftware.smack.roster.RosterEntry entry = roster.getEntry(service);
      if (entry != null
          && entry.getType() == org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.both) {
        return this;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("subscription with the service not mutual: " + entry);
      }
      Thread.sleep(100);
    }
  }

  /** Gives a user made by a test an XMPP account (password: id + "pw"), then {@link #online}. */
  static XmppClient onlineAs(String user, String resource) throws Exception {
    TestEnvironment.registerXmppUser(user, user + "pw");
    return online(user, resource);
  }

  /** Logs in, waits for the service, and announces this device to it. */
  static XmppClient online(String user, String resource) throws Exception {
    XmppClient client = login(user, resource);
    client.awaitService(Duration.ofSeconds(60));
    return client.announce();
  }

  /** Sends an envelope to the service, with a {@code <tlim location>} extension when given. */
  void send(String envelope, String location) throws Exception {
    MessageBuilder message =
        connection
            .getStanzaFactory()
            .buildMessageStanza()
            .to(JidCreate.from(TestEnvironment.SERVICE))
            .ofType(Message.Type.chat)
            .setBody(envelope);
    if (location != null) {
      message.addExtension(
          StandardExtensionElement.builder("tlim", "im.itonglian.com")
              .addAttribute("location", location)
              .build());
    }
    connection.sendStanza(message.build());
  }

  /**
   * Sends an envelope (valid JSON, as {@link Envelopes} writes it) and waits for the service's
   * answer to its msg_id.
   */
  JsonNode answerTo(String envelope, String location) throws Exception {
    String msgId = JSON.readTree(envelope).path("msg_id").asText();
    send(envelope, location);
    return awaitAnswer(msgId);
  }

  /** Sends an envelope and asserts that the service accepted it; its msg_id. */
  String sendOk(String envelope, String location) throws Exception {
    JsonNode answer = answerTo(envelope, location);
    if (!answer.path("result").asText().equals("ok")) {
      throw new AssertionError(user + "'s envelope was not accepted: " + answer);
    }
    return answer.path("msg_id").asText();
  }

  /** The next received envelope matching the predicate; earlier non-matching ones are kept. */
  Received await(Predicate<Received> predicate, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Received> skipped = new ArrayList<>();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Received next = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
        if (next == null) {
          throw new AssertionError(
              user
                  + " received no matching envelope within "
                  + timeout
                  + "; got "
                  + skipped.stream().map(r -> r.envelope().toString()).toList());
        }
        if (predicate.test(next)) {
          return next;
        }
        skipped.add(next);
      }
    } finally {
      inbox.addAll(skipped);
    }
  }

  /** The next received envelope with this msg_id (a copy, an echo), within 20 s. */
  Received awaitMsgId(String msgId) throws InterruptedException {
    return await(r -> r.envelope().path("msg_id").asText().equals(msgId), Duration.ofSeconds(20));
  }

  /**
   * The next received envelope of this msg_type whose first body item has this value in this field
   * (a system message about a session, an answer or a notice about a msg_id), within 20 s.
   */
  Received await(String type, String bodyField, String value) throws InterruptedException {
    return await(
        r -> r.type().equals(type) && r.bodyText(bodyField).equals(value), Duration.ofSeconds(20));
  }

  /** The MTC-001 answer to one msg_id. */
  JsonNode awaitAnswer(String msgId) throws InterruptedException {
    return await(
            r ->
                r.type().equals("MTC-001")
                    && r.envelope().path("body").path(0).path("msg_id").asText().equals(msgId),
            Duration.ofSeconds(20))
        .envelope()
        .path("body")
        .path(0);
  }

  /** The next received envelope, whatever it is, or null when none comes within the timeout. */
  Received next(Duration timeout) throws InterruptedException {
    return inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Whether the XMPP connection is still up (the server closes it on a malformed stanza, and drops
   * it when it restarts).
   */
  boolean isConnected() {
    return connection.isConnected() && connection.isAuthenticated();
  }

  /** Everything received so far, removed from the inbox. */
  List<Received> drain() {
    List<Received> all = new ArrayList<>();
    inbox.drainTo(all);
    return all;
  }

  @Override
  public void close() {
    connection.disconnect();
  }
}
