package im.tlim.xmpp.inbound;

import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.api.InboundPresence;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.lang.System.Logger.Level;

/** One activated message-driven bean: its spec, its factory, and its own scheduling. */
public final class EndpointActivation {

  private static final System.Logger LOG = System.getLogger(EndpointActivation.class.getName());

  private final MessageEndpointFactory factory;
  private final XmppActivationSpec spec;
  private final WorkManager workManager;
  private final SenderOrderedScheduler ordered;

  public EndpointActivation(
      MessageEndpointFactory factory, XmppActivationSpec spec, WorkManager workManager) {
    this.factory = factory;
    this.spec = spec;
    this.workManager = workManager;
    this.ordered = new SenderOrderedScheduler(workManager, spec.maxBatch());
  }

  public void deliver(InboundMessage message) {
    if (spec.deliversMessageType(message.type())) {
      schedule(spec.queueOf(message.from().bare()), InboundDelivery.of(factory, message));
    }
  }

  public void deliver(InboundPresence presence) {
    if (spec.deliversPresence()) {
      schedule(spec.queueOf(presence.from().bare()), InboundDelivery.of(factory, presence));
    }
  }

  private void schedule(String queue, InboundDelivery delivery) {
    try {
      if (spec.isOrderedPerSender()) {
        ordered.schedule(queue, delivery);
      } else {
        workManager.scheduleWork(delivery);
      }
    } catch (WorkException e) {
      // The sender gets no answer and resends; nothing was stored for this stanza.
      LOG.log(Level.WARNING, "could not schedule a delivery for {0}: {1}", queue, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "EndpointActivation[" + factory.getEndpointClass() + ", " + spec + "]";
  }
}
