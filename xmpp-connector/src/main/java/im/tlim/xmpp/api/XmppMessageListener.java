package im.tlim.xmpp.api;

import java.util.List;

/**
 * Message listener type of the XMPP resource adapter. A message-driven bean implementing it
 * receives every message and presence stanza addressed to the service's component address.
 */
public interface XmppMessageListener {

  void onMessage(InboundMessage message);

  /**
   * Several messages of one sender, in the order they arrived, handed over together because they
   * queued up while the sender's previous delivery ran (only when the activation's
   * {@code maxBatch} is above 1). A bean may handle them in one transaction; under light load
   * every message comes through {@link #onMessage} alone, so batching adds no waiting.
   */
  void onMessages(List<InboundMessage> messages);

  void onPresence(InboundPresence presence);
}
