package im.tlim.xmpp.adapter;

import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.api.InboundPresence;
import im.tlim.xmpp.api.XmppAddress;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.StringUtils;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/** Converts between Smack stanzas and the connector API's records, and serialises outbound. */
final class Stanzas {

  static final String TLIM_ELEMENT = "tlim";
  static final String TLIM_NAMESPACE = "im.itonglian.com";

  /**
   * Stanzas Smack builds carry the client namespace; written inside a component stream they must
   * inherit the stream's namespace instead, so they are serialised as if enclosed by it.
   */
  private static final XmlEnvironment ENCLOSING =
      XmlEnvironment.builder().withNamespace("jabber:client").build();

  private Stanzas() {}

  static InboundMessage toInbound(Message message) {
    return new InboundMessage(
        address(message.getFrom()),
        address(message.getTo()),
        message.getType().name(),
        message.getStanzaId(),
        body(message),
        location(message));
  }

  static InboundPresence toInbound(Presence presence, long stream) {
    return new InboundPresence(
        address(presence.getFrom()), presence.getType().name(), location(presence), stream);
  }

  static String chatMessage(String from, String to, String body, String location)
      throws XmppStringprepException {
    MessageBuilder message =
        StanzaBuilder.buildMessage(StringUtils.randomString(12))
            .from(JidCreate.from(from))
            .to(JidCreate.from(xmlLegal(to)))
            .ofType(Message.Type.chat)
            .setBody(body);
    if (location != null) {
      message.addExtension(
          StandardExtensionElement.builder(TLIM_ELEMENT, TLIM_NAMESPACE)
              .addAttribute("location", location)
              .build());
    }
    return serialise(message.build());
  }

  static String presence(String from, String to, Presence.Type type)
      throws XmppStringprepException {
    Presence presence =
        StanzaBuilder.buildPresence()
            .from(JidCreate.from(from))
            .to(JidCreate.from(xmlLegal(to)))
            .ofType(type)
            .build();
    return serialise(presence);
  }

  /**
   * The address, if XML can carry it. Stringprep lets some characters through that XML 1.0 does not
   * allow (U+FFFE, say); written into the stream, one of them makes the XMPP server close the whole
   * component stream as not-well-formed, so such an address fails its one stanza instead.
   */
  static String xmlLegal(String address) throws XmppStringprepException {
    for (int i = 0; i < address.length(); ) {
      int c = address.codePointAt(i);
      boolean legal =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (!legal) {
        throw new XmppStringprepException(
            address, "a character XML cannot carry: U+" + Integer.toHexString(c));
      }
      i += Character.charCount(c);
    }
    return address;
  }

  static String serialise(Stanza stanza) {
    return stanza.toXML(ENCLOSING).toString();
  }

  /**
   * The body text. Smack files {@code <body/>} under the namespace it was parsed in and looks it up
   * under {@code jabber:client}; on a component stream that namespace is the component's.
   */
  private static String body(Message message) {
    String body = message.getBody();
    if (body != null) {
      return body;
    }
    ExtensionElement element =
        message.getExtensionElement("body", ComponentStream.COMPONENT_NAMESPACE);
    if (element instanceof StandardExtensionElement standard) {
      // an empty <body/> is an (empty) envelope to answer, unlike a message with no body
      return standard.getText() == null ? "" : standard.getText();
    }
    return null;
  }

  private static String location(Stanza stanza) {
    ExtensionElement extension = stanza.getExtensionElement(TLIM_ELEMENT, TLIM_NAMESPACE);
    if (extension instanceof StandardExtensionElement standard) {
      return standard.getAttributeValue("location");
    }
    return null;
  }

  private static XmppAddress address(Jid jid) {
    return jid == null ? new XmppAddress(null, "", null) : XmppAddress.parse(jid.toString());
  }
}
