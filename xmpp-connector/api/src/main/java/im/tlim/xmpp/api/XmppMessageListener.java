package im.tlim.xmpp.api;

import java.util.List;

/**
 * Message listener type of the XMPP resource adapter. A message-driven bean implementing it
 * receives every message and presence stanza addressed to the service's component address.
 */
public interface XmppMessageListener {

  void onMessage(InboundMessage message);

  /**
   * Several messages handed over together because they queued up while the previous delivery of
   * their queue ran (only when the activation's {@code maxBatch} is above 1): one sender's
   * messages, or with {@code lanes} those of the senders sharing a lane, each sender's in the order
   * they arrived. A bean may handle them in one transaction; a message that finds its queue idle
   * comes through {@link #onMessage} alone, so batching adds no waiting.
   */
  void onMessages(List<InboundMessage> messages);

  void onPresence(InboundPresence presence);

  /**
   * Messages the adapter did not queue because their sender's waiting messages (or all senders')
   * reached the activation's {@code maxQueuedPerSender} ({@code maxQueued}): the bean answers them
   * as refused, without accepting them. Handed over in arrival order, possibly several senders'
   * together; when refusals themselves pile up past the same bound, the excess is dropped
   * unanswered (the client resends).
   */
  void onRefused(List<InboundMessage> messages);
}
