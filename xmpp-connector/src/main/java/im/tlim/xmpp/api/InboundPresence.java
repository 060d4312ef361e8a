package im.tlim.xmpp.api;

import java.io.Serializable;

/**
 * A presence stanza the XMPP server routed to the component.
 *
 * @param from the sender's full address
 * @param type {@code available}, {@code unavailable}, {@code subscribe}, {@code unsubscribe} …
 * @param location the tlim extension's {@code location}, or null
 */
public record InboundPresence(XmppAddress from, String type, String location)
    implements Serializable {

  public boolean isAvailable() {
    return "available".equals(type);
  }

  public boolean isUnavailable() {
    return "unavailable".equals(type);
  }
}
