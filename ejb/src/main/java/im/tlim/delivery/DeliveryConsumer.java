package im.tlim.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.envelope.EnvelopeCodec;
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
 * Sends each queued dispatch to every online device of its recipients (offline ones read it from
 * the offline store later, and may be pushed); one JMS message carries one dispatch, or several of
 * one session in order. A failure rolls the JMS message back: the broker redelivers with backoff,
 * and dead-letters a message that keeps failing.
 *
 * <p>The side effects come in the order that makes a redelivery harmless: XMPP copies first (the
 * only step that fails for an outage, and devices drop a copy they have by msg_id), then frames to
 * live pages (each page drops a frame it was sent already), then pushes (the broker drops a push it
 * queued already, by a duplicate id). A recipient the presence registry does not list is offline
 * only once the registry is current; right after a (re)connect, the recipients it does list get
 * their copies at once and the others wait up to ten seconds for the probes' answers, or the
 * message is redelivered.
 *
 * <p>Before anything is sent, stored messages' copies are put in their session's order and checked
 * against the store ({@link SessionOrder}): missing earlier ones are caught up, and the copies of a
 * message recalled since it was queued are withheld.
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

  /** Resource names of web pages connected over WebSocket (the sending page gets no echo). */
  public static final String LIVE_RESOURCE_PREFIX = "live-";

  @Inject private XmppGateway xmpp;
  @Inject private PresenceRegistry presence;
  @Inject private PushQueue pushes;
  @Inject private LiveConnections pages;
  @Inject private im.tlim.observability.ServiceMetrics metrics;
  @Inject private SessionOrder order;
  @jakarta.ejb.EJB private SessionLog log;

  /** A frame for the user's pages, but the one named {@code exceptPage} (null: none). */
  private record PageFrame(String user, String frameId, String text, String exceptPage) {
    PageFrame(String user, String frameId, String text) {
      this(user, frameId, text, null);
    }
  }

  private record Push(String user, Dispatch.Stored message) {}

  /** A recipient not listed online while presence was not yet current. */
  private record Undecided(Dispatch dispatch, String recipient, String envelope) {}

  /** What one JMS message's dispatches come to, collected before anything is sent. */
  private static final class Copies {
    final List<XmppGateway.Outgoing> xmpp = new ArrayList<>();
    final List<PageFrame> pages = new ArrayList<>();
    final List<Push> pushes = new ArrayList<>();
    final List<Undecided> undecided = new ArrayList<>();

    /**
     * Each recipient's devices and pages as first looked up for this message, so that a presence
     * arriving meanwhile cannot send one device a later copy before an earlier one.
     */
    final java.util.Map<String, java.util.Set<String>> resources = new java.util.HashMap<>();

    final java.util.Map<String, Boolean> live = new java.util.HashMap<>();
    Boolean current;
  }

  @Override
  public void onMessage(Message message) {
    List<Dispatch> dispatches;
    try {
      dispatches = Dispatch.listFromJson(((TextMessage) message).getText());
    } catch (JMSException | ClassCastException | IllegalArgumentException e) {
      // poison: rethrown so it reaches the dead-letter queue
      throw new EJBException("unreadable delivery message", e);
    }
    long now = System.currentTimeMillis();
    SessionOrder.Plan inOrder = arrange(dispatches, now);
    Copies copies = new Copies();
    for (SessionOrder.Step step : inOrder.steps()) {
      Dispatch dispatch = step.dispatch() != null ? step.dispatch() : log.catchUp(step.catchUpId());
      if (dispatch != null) {
        plan(dispatch, copies);
      }
    }
    try {
      xmpp.sendAll(copies.xmpp);
      metrics.xmppCopiesSent(copies.xmpp.size());
      if (!copies.undecided.isEmpty()) {
        decideLate(copies);
      }
    } catch (ResourceException e) {
      // redelivered whole; devices that got a copy already drop it by msg_id
      throw new EJBException("XMPP send failed; will be redelivered", e);
    }
    copies.pages.forEach(
        page -> pages.send(page.user(), page.frameId(), page.text(), page.exceptPage()));
    metrics.liveCopiesSent(copies.pages.size());
    copies.pushes.forEach(push -> pushes.offlineRecipient(push.user(), push.message()));
    order.advance(inOrder.reached(), now);
  }

  /**
   * Reads, for each session this message's stored copies belong to, the state of its messages since
   * the session's mark (one query per session; none for copies of what is not stored), and puts the
   * copies in the session's order.
   */
  private SessionOrder.Plan arrange(List<Dispatch> dispatches, long now) {
    java.util.Map<String, long[]> spans = new java.util.HashMap<>();
    java.util.Set<String> outOfOrder = new java.util.HashSet<>();
    for (Dispatch dispatch : dispatches) {
      Dispatch.Stored stored = dispatch.stored();
      if (stored == null) {
        continue;
      }
      if (!stored.inOrder()) {
        outOfOrder.add(stored.msgId());
        continue;
      }
      spans.merge(
          stored.sessionId(),
          new long[] {stored.seq(), stored.seq()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    java.util.Map<String, Long> marks = new java.util.HashMap<>();
    java.util.Map<String, List<LoggedMessage>> logs = new java.util.HashMap<>();
    spans.forEach(
        (sessionId, span) -> {
          Long mark = order.mark(sessionId, now);
          long[] range = SessionOrder.rangeToRead(mark, span[0], span[1]);
          if (mark != null && mark >= range[0]) {
            marks.put(sessionId, mark);
          }
          logs.put(sessionId, log.range(sessionId, range[0], range[1]));
        });
    SessionOrder.Plan plan =
        SessionOrder.arrange(dispatches, marks, logs, log.recalledAmong(outOfOrder), now);
    metrics.messagesWithheld(plan.withheld());
    return plan;
  }

  /** Decides each recipient's copies now, or leaves them undecided until presence is current. */
  private void plan(Dispatch dispatch, Copies copies) {
    // a group's copies differ only in msg_to: parse once, address each
    ObjectNode template =
        dispatch.addressEach() ? EnvelopeCodec.parseWritten(dispatch.envelope()) : null;
    for (String recipient : dispatch.recipients()) {
      String envelope =
          dispatch.addressEach()
              ? EnvelopeCodec.addressedTo(template, recipient)
              : dispatch.envelope();
      var resources =
          copies.resources.computeIfAbsent(recipient, r -> presence.resources(r).keySet());
      boolean live = copies.live.computeIfAbsent(recipient, pages::isConnected);
      if (copies.current == null) {
        copies.current = presence.isCurrent();
      }
      if (resources.isEmpty() && !copies.current) {
        copies.undecided.add(new Undecided(dispatch, recipient, envelope));
        if (live) {
          copies.pages.add(new PageFrame(recipient, frameId(envelope), envelope));
        }
        continue;
      }
      addCopies(dispatch, recipient, envelope, resources, live, copies);
    }
    if (dispatch.echoUser() != null) {
      // every page but the one that sent it (a resource of XMPP names no page)
      copies.pages.add(
          new PageFrame(
              dispatch.echoUser(),
              frameId(dispatch.envelope()),
              dispatch.envelope(),
              dispatch.echoExceptResource()));
      for (String resource :
          copies.resources.computeIfAbsent(
              dispatch.echoUser(), r -> presence.resources(r).keySet())) {
        if (!resource.equals(dispatch.echoExceptResource())) {
          copies.xmpp.add(
              new XmppGateway.Outgoing(
                  dispatch.echoUser(), resource, dispatch.envelope(), dispatch.location()));
        }
      }
    }
  }

  private static void addCopies(
      Dispatch dispatch,
      String recipient,
      String envelope,
      java.util.Set<String> resources,
      boolean live,
      Copies copies) {
    if (resources.isEmpty() && !live) {
      // offline: the copy waits in the offline store; a phone may be woken by a push
      if (dispatch.stored() != null) {
        copies.pushes.add(new Push(recipient, dispatch.stored()));
      }
      return;
    }
    for (String resource : resources) {
      copies.xmpp.add(new XmppGateway.Outgoing(recipient, resource, envelope, dispatch.location()));
    }
    if (live) {
      copies.pages.add(new PageFrame(recipient, frameId(envelope), envelope));
    }
  }

  /**
   * Recipients not listed online while the registry was not current: waits for the probes' answers,
   * then sends to those now online and leaves the others to the offline store (and push). If the
   * registry does not become current (the stream is down), the message is redelivered later.
   */
  private void decideLate(Copies copies) throws ResourceException {
    try {
      if (!presence.awaitCurrent(PRESENCE_WAIT)) {
        throw new EJBException("presence is not known yet; will be redelivered");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EJBException("interrupted; will be redelivered", e);
    }
    List<XmppGateway.Outgoing> late = new ArrayList<>();
    for (Undecided each : copies.undecided) {
      var resources = presence.resources(each.recipient()).keySet();
      for (String resource : resources) {
        late.add(
            new XmppGateway.Outgoing(
                each.recipient(), resource, each.envelope(), each.dispatch().location()));
      }
      // a page connected at planning time has its frame planned already
      if (resources.isEmpty()
          && !pages.isConnected(each.recipient())
          && each.dispatch().stored() != null) {
        copies.pushes.add(new Push(each.recipient(), each.dispatch().stored()));
      }
    }
    xmpp.sendAll(late);
    metrics.xmppCopiesSent(late.size());
  }

  /**
   * What identifies a frame for a page's duplicate check: type, id and addressee of the envelope.
   */
  static String frameId(String envelope) {
    ObjectNode parsed = EnvelopeCodec.parseWritten(envelope);
    return parsed.path("msg_type").asText()
        + '/'
        + parsed.path("msg_id").asText()
        + '/'
        + parsed.path("msg_to").asText();
  }
}
