package im.tlim.delivery;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.presence.PresenceRegistry;
import jakarta.resource.ResourceException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends each queued dispatch to every online device of its recipients (offline ones read it from
 * the offline store later) through the XMPP connector; one JMS message carries one dispatch, or
 * several of one session in order. Any failure rolls the JMS transaction back: the broker
 * redelivers with backoff, and dead-letters a message that keeps failing.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = "java:/jms/queue/tlim/delivery"),
      @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
    })
// Not part of a JTA transaction: the message is acknowledged when onMessage returns and
// redelivered when it throws, without a two-phase commit per copy (its sends cannot be undone).
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryConsumer implements MessageListener {

  /** Right after a start, how long to wait for presence before taking recipients as offline. */
  private static final java.time.Duration PRESENCE_WARM_UP = java.time.Duration.ofSeconds(15);

  /** Resource names of web pages connected over WebSocket (they get no echo of their own). */
  public static final String LIVE_RESOURCE_PREFIX = "live-";

  @Inject private XmppGateway xmpp;
  @Inject private PresenceRegistry presence;
  @Inject private im.tlim.push.PushQueue pushes;
  @Inject private im.tlim.presence.LiveConnections pages;
  @Inject private im.tlim.observability.ServiceMetrics metrics;

  @Override
  public void onMessage(Message message) {
    List<Dispatch> dispatches;
    try {
      dispatches = Dispatch.listFromJson(((TextMessage) message).getText());
    } catch (JMSException | ClassCastException | IllegalArgumentException e) {
      // poison: rethrown so it reaches the dead-letter queue
      throw new EJBException("unreadable delivery message", e);
    }
    try {
      presence.awaitWarm(PRESENCE_WARM_UP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EJBException("interrupted; will be redelivered", e);
    }
    try {
      List<XmppGateway.Outgoing> copies = new ArrayList<>();
      for (Dispatch dispatch : dispatches) {
        deliver(dispatch, copies);
      }
      xmpp.sendAll(copies);
      metrics.xmppCopiesSent(copies.size());
    } catch (ResourceException e) {
      // the whole message is redelivered; devices that got a copy already drop it by msg_id
      throw new EJBException("XMPP send failed; will be redelivered", e);
    }
  }

  /** Collects the dispatch's XMPP copies in {@code copies}; live pages and pushes go at once. */
  private void deliver(Dispatch dispatch, List<XmppGateway.Outgoing> copies) {
    // a group's copies differ only in msg_to: parse once, address each
    var template = dispatch.addressEach() ? EnvelopeCodec.parseWritten(dispatch.envelope()) : null;
    for (String recipient : dispatch.recipients()) {
      var resources = presence.resources(recipient).keySet();
      boolean live = pages.isConnected(recipient);
      if (resources.isEmpty() && !live) {
        // offline: the copy waits in the offline store; a phone may be woken by a push
        if (dispatch.stored() != null) {
          pushes.offlineRecipient(recipient, dispatch.stored());
        }
        continue;
      }
      String envelope =
          dispatch.addressEach() ? EnvelopeCodec.addressedTo(template, recipient) : dispatch.envelope();
      for (String resource : resources) {
        copies.add(new XmppGateway.Outgoing(recipient, resource, envelope, dispatch.location()));
      }
      if (live) {
        pages.send(recipient, envelope);
        metrics.liveCopySent();
      }
    }
    if (dispatch.echoUser() != null
        && !String.valueOf(dispatch.echoExceptResource()).startsWith(LIVE_RESOURCE_PREFIX)) {
      pages.send(dispatch.echoUser(), dispatch.envelope());
      metrics.liveCopySent();
    }
    if (dispatch.echoUser() != null) {
      for (String resource : presence.resources(dispatch.echoUser()).keySet()) {
        if (!resource.equals(dispatch.echoExceptResource())) {
          copies.add(new XmppGateway.Outgoing(dispatch.echoUser(), resource, dispatch.envelope(), dispatch.location()));
        }
      }
    }
  }
}
