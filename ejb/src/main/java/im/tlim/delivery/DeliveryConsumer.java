package im.tlim.delivery;

import im.tlim.presence.LiveConnections;
import im.tlim.presence.PresenceRegistry;
import im.tlim.push.PushQueue;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers each queued JMS message (one dispatch, or several of one session in order) in three
 * steps: the stored messages' copies are put in their session's order and checked against the store
 * ({@link SessionOrder}: missing earlier ones are caught up, the copies of a message recalled since
 * it was queued are withheld); who gets a copy, on which device, by which channel is decided from
 * one snapshot of the devices online ({@link CopyPlan}); and that plan is carried out here. A
 * failure rolls the JMS message back: the broker redelivers with backoff, and dead-letters a
 * message that keeps failing.
 *
 * <p>The side effects come in the order that makes a redelivery harmless: XMPP copies first (the
 * only step that fails for an outage, and devices drop a copy they have by msg_id), then frames to
 * live pages (each page drops a frame it was sent already), then pushes (the broker drops a push it
 * queued already, by a duplicate id). A recipient the presence registry does not list is offline
 * only once the registry is current; right after a (re)connect, the recipients it does list get
 * their copies at once and the others wait up to ten seconds for the probes' answers, or the
 * message is redelivered.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/tlim/delivery"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
    })
// Not part of a JTA transaction: the message is acknowledged when onMessage returns and
// redelivered when it throws, without a two-phase commit per copy (its sends cannot be undone).
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryConsumer implements MessageListener {

  /**
   * How long a copy for a recipient not (yet) known to be online waits for the probes: a new stream
   * is probed within a second and current 3 s later, so this covers a start-up in which the stream
   * opens a few seconds after delivery begins; longer, and the message is redelivered.
   */
  private static final Duration PRESENCE_WAIT = Duration.ofSeconds(10);

  @Inject private XmppGateway xmpp;
  @Inject private PresenceRegistry presence;
  @Inject private PushQueue pushes;
  @Inject private LiveConnections pages;
  @Inject private im.tlim.observability.ServiceMetrics metrics;
  @Inject private SessionOrder order;
  @jakarta.ejb.EJB private SessionLog log;

  @Override
  public void onMessage(Message message) {
    List<Dispatch> queued;
    try {
      queued = Dispatch.listFromJson(((TextMessage) message).getText());
    } catch (JMSException | ClassCastException | IllegalArgumentException e) {
      // poison: rethrown so it reaches the dead-letter queue
      throw new EJBException("unreadable delivery message", e);
    }
    long now = System.currentTimeMillis();
    SessionOrder.Plan inOrder = order.arrangeFromStore(queued, log, now);
    metrics.messagesWithheld(inOrder.withheld());
    List<Dispatch> dispatches = inOrder.dispatches(log::catchUp);
    CopyPlan plan =
        CopyPlan.decide(
            dispatches, DeviceSnapshot.read(CopyPlan.usersOf(dispatches), presence, pages));
    List<CopyPlan.Push> offline = new ArrayList<>(plan.pushes());
    try {
      send(plan.xmpp());
      if (!plan.undecided().isEmpty()) {
        awaitCurrentPresence();
        CopyPlan late =
            plan.decideLate(DeviceSnapshot.read(plan.undecidedUsers(), presence, pages));
        send(late.xmpp());
        offline.addAll(late.pushes());
      }
    } catch (ResourceException e) {
      // redelivered whole; devices that got a copy already drop it by msg_id
      throw new EJBException("XMPP send failed; will be redelivered", e);
    }
    int framesSent = 0; // a frame for a user without an open page goes nowhere
    for (CopyPlan.PageFrame frame : plan.pages()) {
      framesSent += pages.send(frame.user(), frame.frameId(), frame.text(), frame.exceptPage());
    }
    metrics.liveCopiesSent(framesSent);
    offline.forEach(push -> pushes.offlineRecipient(push.user(), push.message()));
    order.advance(inOrder.reached(), now);
  }

  private void send(List<XmppGateway.Outgoing> copies) throws ResourceException {
    xmpp.sendAll(copies);
    metrics.xmppCopiesSent(copies.size());
  }

  /**
   * Waits for the probes' answers, for recipients not listed online while the registry was not
   * current; if it does not become current (the stream is down), the message is redelivered later.
   */
  private void awaitCurrentPresence() {
    try {
      if (!presence.awaitCurrent(PRESENCE_WAIT)) {
        throw new EJBException("presence is not known yet; will be redelivered");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EJBException("interrupted; will be redelivered", e);
    }
  }
}
