package im.tlim.bench.fanout;

import im.tlim.bench.Device;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
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
  private final Device device;

  private Member(int index, Device device) {
    this.index = index;
    this.user = device.user;
    this.device = device;
    this.connection = device.connection;
  }

  static Member login(int index, String domain, int c2sPort, Jid service, Inbox inbox)
      throws Exception {
    Member[] member = new Member[1];
    // (no message comes before the constructor returns: the member is in no group or room yet)
    Device device =
        new Device(
            "bench" + index,
            domain,
            c2sPort,
            "fanout",
            60_000,
            service,
            (message, nanos) -> inbox.onMessage(member[0], message, nanos));
    member[0] = new Member(index, device);
    return member[0];
  }

  /** Directed presence to the service until it answers with its own ({@link Device#announce}). */
  void announce(Jid service, long timeoutSeconds) throws Exception {
    device.announce(service, timeoutSeconds);
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
