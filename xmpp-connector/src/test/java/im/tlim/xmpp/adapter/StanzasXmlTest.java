package im.tlim.xmpp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.jxmpp.stringprep.XmppStringprepException;

/** An address XML cannot carry fails its own stanza, never the stream. */
class StanzasXmlTest {

  @Test
  void anAddressWithACharacterXmlCannotCarryIsRefused() {
    for (String bad :
        new String[] {"\uFFFE@example.com", "a\uFFFF@example.com", "a\uD800@example.com"}) {
      assertThrows(
          XmppStringprepException.class,
          () -> Stanzas.presence("tlim.example.com", bad, Presence.Type.probe),
          bad);
      assertThrows(
          XmppStringprepException.class,
          () -> Stanzas.chatMessage("tlim.example.com", bad, "{}", null),
          bad);
    }
  }

  @Test
  void ordinaryAndNonLatinAddressesAreWritten() throws Exception {
    for (String good :
        new String[] {
          "alice@example.com", "\uFFFDa@example.com", "张三@example.com", "\uD83D\uDE00@example.com"
        }) {
      assertEquals(good, Stanzas.xmlLegal(good));
    }
  }
}
