package im.tlim.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.Jid;

/**
 * A bench user's device, as every scenario's clients are: Smack over plain c2s on loopback (the
 * password is the user's name and "pw"), messages with a body handed on as they arrive, and online
 * for the service once it has answered the device's directed presence.
 */
public final class Device {

  public final String user;
  public final XMPPTCPConnection connection;
  private final CountDownLatch serviceSawUs = new CountDownLatch(1);

  /**
   * Connects and logs in.
   *
   * @param onMessage called with each message with a body and its arrival time (nanoTime), on
   *     Smack's ordered per-connection thread: cheaper than the async pool, so it must not block
   */
  public Device(
      String user,
      String domain,
      int c2sPort,
      String resource,
      long replyTimeoutMillis,
      Jid service,
      BiConsumer<Message, Long> onMessage)
      throws Exception {
    this.user = user;
    this.connection =
        new XMPPTCPConnection(
            XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost("127.0.0.1")
                .setPort(c2sPort)
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, user + "pw")
                .setResource(resource)
                .build());
    connection.setReplyTimeout(replyTimeoutMillis);
    connection.addSyncStanzaListener(
        stanza -> serviceSawUs.countDown(),
        stanza ->
            stanza instanceof Presence p
                && service.equals(p.getFrom())
                && p.getType() == Presence.Type.available);
    connection.addSyncStanzaListener(
        stanza -> onMessage.accept((Message) stanza, System.nanoTime()),
        stanza -> stanza instanceof Message m && m.getBody() != null);
    connection.connect().login();
  }

  /**
   * Directed presence to the service until it answers with its own (as XmppClient.announce in the
   * integration tests): from then on the service counts this device as online and delivers copies
   * to it. Repeated because the component may not be connected to the XMPP server yet.
   */
  public void announce(Jid service, long timeoutSeconds) throws Exception {
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
}
