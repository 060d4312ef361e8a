package im.tlim.bench;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
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
  private final Device device;
  private final XMPPTCPConnection connection;

  private BenchClient(int pair, Device device) {
    this.pair = pair;
    this.user = device.user;
    this.device = device;
    this.connection = device.connection;
    this.jid = connection.getUser();
  }

  static BenchClient login(
      int pair, String user, String domain, int c2sPort, Jid service, Inbox inbox)
      throws Exception {
    BenchClient[] client = new BenchClient[1];
    // (a message before the constructor returns cannot come: nobody knows this device yet)
    Device device =
        new Device(
            user,
            domain,
            c2sPort,
            "bench",
            20_000,
            service,
            (message, nanos) -> inbox.onMessage(client[0], message, nanos));
    client[0] = new BenchClient(pair, device);
    return client[0];
  }

  /** {@link Device#announce}. */
  void announce(Jid service, long timeoutSeconds) throws Exception {
    device.announce(service, timeoutSeconds);
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
