package im.tlim.xmpp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protocol chores a component owes the XMPP server, answered on the stream they came on. */
class StanzaRouterTest {

  private static final ComponentSettings SETTINGS = LocalComponent.SETTINGS;

  /** What the router writes back while it routes the given stanzas read from a stream. */
  private static String answersTo(String stanzas) throws Exception {
    String xml =
        "<stream:stream xmlns='jabber:component:accept'"
            + " xmlns:stream='http://etherx.jabber.org/streams' id='s1'>"
            + stanzas
            + "</stream:stream>";
    StringWriter written = new StringWriter();
    ComponentStream stream = new ComponentStream(SETTINGS, 1, written, new StringReader(xml));
    StanzaRouter router = new StanzaRouter(List.of());
    assertThrows(
        EOFException.class, () -> stream.readStanzas(stanza -> router.route(stanza, stream)));
    return written.toString();
  }

  /** An iq request to the component with this one child element. */
  private static String iq(String type, String id, String from, String child) {
    return "<iq type='%s' id='%s' from='%s' to='tlim.example.com'>%s</iq>"
        .formatted(type, id, from, child);
  }

  @Test
  void aPingIsAnswered() throws Exception {
    String answer = answersTo(iq("get", "p1", "example.com", "<ping xmlns='urn:xmpp:ping'/>"));

    assertTrue(answer.contains("type='result'") || answer.contains("type=\"result\""), answer);
    assertTrue(answer.contains("p1"), answer);
  }

  @Test
  void serviceDiscoveryNamesTheComponentAndItsFeatures() throws Exception {
    String answer =
        answersTo(
            iq(
                "get",
                "d1",
                "alice@example.com/phone",
                "<query xmlns='http://jabber.org/protocol/disco#info'/>"));

    assertTrue(answer.contains("<identity category='component' type='generic'"), answer);
    assertTrue(answer.contains("<feature var='urn:xmpp:ping'/>"), answer);
    assertTrue(answer.contains("to='alice@example.com/phone'"), answer);
  }

  @Test
  void anyOtherRequestIsRefusedAsUnavailable() throws Exception {
    String answer =
        answersTo(iq("set", "x1", "alice@example.com/phone", "<query xmlns='jabber:iq:private'/>"));

    assertTrue(answer.contains("service-unavailable"), answer);
  }

  @Test
  void aSubscriptionIsApprovedAndAskedBack() throws Exception {
    String answer =
        answersTo("<presence type='subscribe' from='alice@example.com' to='tlim.example.com'/>");

    assertTrue(answer.contains("subscribed"), answer);
    assertEquals(2, answer.split("<presence").length - 1, answer);
  }

  @Test
  void aProbeIsAnsweredAvailable() throws Exception {
    String answer =
        answersTo("<presence type='probe' from='alice@example.com' to='tlim.example.com'/>");

    assertEquals(1, answer.split("<presence").length - 1, answer);
    assertTrue(!answer.contains("type='unavailable'") && !answer.contains("probe"), answer);
  }

  @Test
  void messagesAndResultsNeedNoAnswer() throws Exception {
    String answer =
        answersTo(
            "<message from='alice@example.com/phone' to='tlim.example.com' type='chat'>"
                + "<body>{}</body></message>"
                + "<iq type='result' id='r1' from='example.com' to='tlim.example.com'/>");

    assertEquals("", answer);
  }
}
