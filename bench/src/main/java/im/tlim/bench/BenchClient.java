package im.tlim.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

/** One benchmark user's XMPP client: Smack over c2s to Prosody, as a real device would be. */
final class BenchClient implements AutoCloseable {

  /** Where a client's incoming messages go; called on Smack's ordered per-connection thread. */
  interface Inbox {
    void onMessage(BenchClient client, Message message, long receivedNanos);
  }

  final int pair;
  final String user;
  final EntityFullJid jid;
  private final XMPPTCPConnection connection;
  private final CountDownLatch serviceSawUs = new CountDownLatch(1);

  private BenchClient(int pair, String user, XMPPTCPConnection connection) {
    this.pair = pair;
    this.user = user;
    this.connection = connection;
    this.jid = connection.getUser();
  }

  static BenchClient login(
      int pair, String user, String domain, int c2sPort, Jid service, Inbox inbox)
      throws Exception {
    XMPPTCPConnection connection =
        new XMPPTCPConnection(
            XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost("127.0.0.1")
                .setPort(c2sPort)
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, user + "pw")
                .setResource("bench")
                .build());
    connection.setReplyTimeout(20_000);
    connection.connect().login();
    BenchClient client = new BenchClient(pair, user, connection);
    connection.addSyncStanzaListener(
        stanza -> client.serviceSawUs.countDown(),
        stanza ->
            stanza instanceof Presence p
                && service.equals(p.getFrom())
                && p.getType() == Presence.Type.available);
    // a sync listener runs in arrival order on one thread per connection: cheaper than the
    // async pool, and the inbox does nothing slow
    connection.addSyncStanzaListener(
        stanza -> inbox.onMessage(client, (Message) stanza, System.nanoTime()),
        stanza -> stanza instanceof Message m && m.getBody() != null);
    return client;
  }

  /**
   * Directed presence to the service until it answers with its own (as XmppClient.announce in the
   * integration tests): from then on the service counts this device as online and delivers copies
   * to it. Repeated because the component may not be connected to Prosody yet.
   */
  void announce(Jid service, long timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    do {
      connection.sendStanza(
          connection.getStanzaFactory().buildPresenceStanza().to(service).build());
      if (serviceSawUs.await(2, TimeUnit.SECONDS)) {
        return;
      }
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException(
        "the service did not acknowledge "
            + user
            + "'s presence within "
            + timeoutSeconds
            + " s; is the component connected? (see the WildFly log)");
  }

  void send(Jid to, String body) throws SmackException.NotConnectedException, InterruptedException {
    connection.sendStanza(
        connection
            .getStanzaFactory()
            .buildMessageStanza()
            .to(to)
            .ofType(Message.Type.chat)
            .setBody(body)
            .build());
  }

  @Override
  public void close() {
    connection.disconnect();
  }
}
