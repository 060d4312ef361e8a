package im.tlim.xmpp.api;

import java.io.Serializable;

/**
 * A message stanza the XMPP server routed to the component.
 *
 * @param from the sender's full address, as the XMPP server stamped it
 * @param to the address it was sent to (the component, possibly with a local part)
 * @param type the stanza type ({@code chat}, {@code normal}, {@code groupchat}, {@code error})
 * @param stanzaId the stanza's {@code id} attribute, or null
 * @param body the {@code <body/>} text, or null when the stanza had none
 * @param location the {@code location} attribute of the {@code <tlim xmlns='im.itonglian.com'/>}
 *     extension, or null when absent
 */
public record InboundMessage(
    XmppAddress from, XmppAddress to, String type, String stanzaId, String body, String location)
    implements Serializable {}
