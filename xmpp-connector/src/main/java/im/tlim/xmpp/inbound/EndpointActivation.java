package im.tlim.xmpp.inbound;

import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.api.InboundPresence;
import im.tlim.xmpp.logging.ConnectorLogger;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

/**
 * One activated message-driven bean: its spec, its factory, and its own scheduling. With
 * orderedPerSender, what waits is bounded; a message past the bound goes to the bean's {@code
 * onRefused} instead (a presence past it is dropped: its sender is flooding).
 */
public final class EndpointActivation {

  private static final ConnectorLogger LOG = ConnectorLogger.of(EndpointActivation.class);

  private final MessageEndpointFactory factory;
  private final XmppActivationSpec spec;
  private final WorkManager workManager;
  private final SenderOrderedScheduler ordered;
  private final Refusals refusals;

  public EndpointActivation(
      MessageEndpointFactory factory, XmppActivationSpec spec, WorkManager workManager) {
    this.factory = factory;
    this.spec = spec;
    this.workManager = workManager;
    this.ordered =
        new SenderOrderedScheduler(
            workManager,
            spec.maxBatch(),
            spec.maxQueuedPerSender(),
            spec.maxQueued(),
            spec.batchLingerNanos());
    this.refusals = new Refusals(workManager, factory, spec.maxQueued());
  }

  public void deliver(InboundMessage message) {
    if (spec.deliversMessageType(message.type())) {
      String sender = message.from().bare();
      if (!schedule(spec.queueOf(sender), sender, InboundDelivery.of(factory, message))) {
        refusals.add(message);
      }
    }
  }

  public void deliver(InboundPresence presence) {
    if (spec.deliversPresence()) {
      String sender = presence.from().bare();
      if (!schedule(spec.queueOf(sender), sender, InboundDelivery.of(factory, presence))) {
        LOG.presenceDropped(sender);
      }
    }
  }

  /** Schedules the delivery; false when a bound refused it (nothing was queued). */
  private boolean schedule(String queue, String sender, InboundDelivery delivery) {
    try {
      if (spec.isOrderedPerSender()) {
        return ordered.schedule(queue, sender, delivery);
      }
      workManager.scheduleWork(delivery);
    } catch (WorkException e) {
      // The sender gets no answer and resends; nothing was stored for this stanza.
      LOG.deliveryNotScheduled(queue, e.getMessage());
    }
    return true;
  }

  /** Stanzas waiting in the ordered queues, and refusals waiting for their answer; for tests. */
  int waiting() {
    return ordered.waiting() + refusals.waiting();
  }

  @Override
  public String toString() {
    return "EndpointActivation[" + factory.getEndpointClass() + ", " + spec + "]";
  }
}
