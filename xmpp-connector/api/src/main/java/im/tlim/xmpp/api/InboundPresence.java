package im.tlim.xmpp.api;

import java.io.Serializable;

/**
 * A presence stanza the XMPP server routed to the component.
 *
 * @param from the sender's full address
 * @param type {@code available}, {@code unavailable}, {@code subscribe}, {@code unsubscribe} …
 * @param location the tlim extension's {@code location}, or null
 * @param stream the {@linkplain XmppConnection#streamGeneration() generation} of the component
 *     stream it arrived on: presence learned on an earlier stream is stale once a new one opens
 */
public record InboundPresence(XmppAddress from, String type, String location, long stream)
    implements Serializable {

  public boolean isAvailable() {
    return "available".equals(type);
  }

  public boolean isUnavailable() {
    return "unavailable".equals(type);
  }
}
