package im.tlim.bench.fanout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.packet.MUCOwner;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * One group member on its own c2s connection (Smack 4.4, as the other bench clients): online for
 * tlim by directed presence, and an occupant of the MUC rooms it joins.
 */
final class Member {

  /** Where the member's incoming messages with a body go, on Smack's per-connection thread. */
  interface Inbox {
    void onMessage(Member member, Message message, long receivedNanos);
  }

  static {
    // nobody has a roster here: no roster request at each of the thousands of logins
    Roster.setRosterLoadedAtLoginDefault(false);
  }

  final int index;
  final String user;
  final XMPPTCPConnection connection;
  private final CountDownLatch serviceSawUs = new CountDownLatch(1);

  private Member(int index, String user, XMPPTCPConnection connection) {
    this.index = index;
    this.user = user;
    this.connection = connection;
  }

  static Member login(int index, String domain, int c2sPort, Jid service, Inbox inbox)
      throws Exception {
    String user = "bench" + index;
    XMPPTCPConnection connection =
        new XMPPTCPConnection(
            XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHost("127.0.0.1")
                .setPort(c2sPort)
                .setSecurityMode(SecurityMode.disabled)
                .setUsernameAndPassword(user, user + "pw")
                .setResource("fanout")
                .build());
    connection.setReplyTimeout(60_000);
    Member member = new Member(index, user, connection);
    connection.addSyncStanzaListener(
        stanza -> member.serviceSawUs.countDown(),
        stanza ->
            stanza instanceof Presence p
                && service.equals(p.getFrom())
                && p.getType() == Presence.Type.available);
    connection.addSyncStanzaListener(
        stanza -> inbox.onMessage(member, (Message) stanza, System.nanoTime()),
        stanza -> stanza instanceof Message m && m.getBody() != null);
    connection.connect().login();
    return member;
  }

  /**
   * Directed presence to the service until it answers with its own (as bench/run.sh's receivers).
   */
  void announce(Jid service, long timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    do {
      connection.sendStanza(
          connection.getStanzaFactory().buildPresenceStanza().to(service).build());
      if (serviceSawUs.await(5, TimeUnit.SECONDS)) {
        return;
      }
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException(user + ": the service did not answer its presence");
  }

  /**
   * Creates the room as its owner and unlocks it with the instant-room form (XEP-0045 §10.1.2),
   * then switches off the broadcast of occupants' presence: otherwise N joins cost N² presence
   * stanzas (4 million for 2000), which is the join's cost, not the message's. Each occupant still
   * gets its own presence, and every message still goes to every occupant.
   */
  MultiUserChat createRoom(EntityBareJid room) throws Exception {
    MultiUserChat muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(room);
    muc.create(Resourcepart.from(user)).makeInstant();
    // the submitted form by hand: Smack's FillableForm refuses an empty list-multi answer, and
    // Prosody 0.12 fails on one (presence_broadcast.lib.lua:72); "none" is no occupant's role
    MUCOwner configure = new MUCOwner();
    configure.setTo(room);
    configure.setType(IQ.Type.set);
    configure.addExtension(
        DataForm.builder(DataForm.Type.submit)
            .addField(FormField.buildHiddenFormType("http://jabber.org/protocol/muc#roomconfig"))
            .addField(
                FormField.listMultiBuilder("muc#roomconfig_presencebroadcast")
                    .addValue("none")
                    .build())
            .build());
    connection.createStanzaCollectorAndSend(configure).nextResultOrThrow();
    return muc;
  }

  /** Joins the room (no history), returning once the room has sent the occupant's own presence. */
  MultiUserChat join(EntityBareJid room) throws Exception {
    MultiUserChat muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(room);
    muc.join(muc.getEnterConfigurationBuilder(Resourcepart.from(user)).requestNoHistory().build());
    return muc;
  }

  void send(Jid to, Message.Type type, String body) throws Exception {
    connection.sendStanza(
        connection
            .getStanzaFactory()
            .buildMessageStanza()
            .to(to)
            .ofType(type)
            .setBody(body)
            .build());
  }
}
