package im.tlim.xmpp.api;

/**
 * Message listener type of the XMPP resource adapter. A message-driven bean implementing it
 * receives every message and presence stanza addressed to the service's component address.
 */
public interface XmppMessageListener {

  void onMessage(InboundMessage message);

  void onPresence(InboundPresence presence);
}
