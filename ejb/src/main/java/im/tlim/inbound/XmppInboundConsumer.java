package im.tlim.inbound;

import im.tlim.delivery.XmppGateway;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.ServerEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.Unavailability;
import im.tlim.message.MessageService;
import im.tlim.message.Outcome;
import im.tlim.message.Sender;
import im.tlim.message.Submission;
import im.tlim.observability.TlimLogger;
import im.tlim.presence.DeviceClass;
import im.tlim.presence.PresenceRegistry;
import im.tlim.user.Contacts;
import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.api.InboundPresence;
import im.tlim.xmpp.api.XmppMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Receives every message the XMPP server routes to the service address. Each envelope is accepted
 * in a transaction (by {@link MessageService}: one shared with the envelopes that queued up
 * meanwhile, a single one being a batch of one), and only after that commits is the sender answered
 * {@code MTC-001 ok}; a failure is answered with its code.
 */
@MessageDriven(
    messageListenerInterface = XmppMessageListener.class,
    activationConfig = {
      @ActivationConfigProperty(propertyName = "stanzaKinds", propertyValue = "message,presence"),
      @ActivationConfigProperty(propertyName = "messageTypes", propertyValue = "chat,normal"),
      @ActivationConfigProperty(propertyName = "orderedPerSender", propertyValue = "true"),
      // envelopes that queue up share a transaction (onMessages); 1 turns batches off
      @ActivationConfigProperty(
          propertyName = "maxBatch",
          propertyValue = "${tlim.inbound.max-batch:64}"),
      // a lone envelope may wait this long for company while the service is busy (0: never)
      @ActivationConfigProperty(
          propertyName = "batchLingerMillis",
          propertyValue = "${tlim.inbound.batch-linger-ms:0}"),
      // senders share this many queues, so batches form from everyone's envelopes, not only a
      // busy sender's; it also bounds how many transactions accept at once (0: one per sender)
      @ActivationConfigProperty(propertyName = "lanes", propertyValue = "${tlim.inbound.lanes:4}"),
      // what may wait in the adapter, per sender and in all; past it an envelope is refused
      // before queueing (error-024), so a flood costs bounded memory
      @ActivationConfigProperty(
          propertyName = "maxQueuedPerSender",
          propertyValue = "${tlim.inbound.max-queued-per-sender:200}"),
      @ActivationConfigProperty(
          propertyName = "maxQueued",
          propertyValue = "${tlim.inbound.max-queued:20000}")
    })
@ResourceAdapter("tlim-xmpp")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class XmppInboundConsumer implements XmppMessageListener {

  private static final TlimLogger LOG = TlimLogger.of(XmppInboundConsumer.class);

  @EJB private MessageService messages;
  @Inject private XmppGateway xmpp;
  @Inject private PresenceRegistry presence;
  @Inject private Contacts contacts;
  @Inject private im.tlim.user.UserIds ids;
  @Inject private RateLimiter limiter;
  @Inject private im.tlim.observability.ServiceMetrics metrics;

  @Override
  public void onMessage(InboundMessage message) {
    onMessages(List.of(message));
  }

  /**
   * Messages that queued up while their lane's previous delivery ran (each sender's in order), or
   * one that found its lane idle: accepted together (see {@link MessageService#accept}), then each
   * answered.
   */
  @Override
  public void onMessages(List<InboundMessage> batch) {
    List<Submission> submissions = new ArrayList<>(batch.size());
    for (InboundMessage message : batch) {
      Sender sender = admit(message);
      if (sender != null) {
        submissions.add(new Submission(sender, message.body()));
      }
    }
    if (submissions.isEmpty()) {
      return;
    }
    List<Outcome> outcomes = metrics.acceptingAll(submissions, () -> messages.accept(submissions));
    List<XmppGateway.Outgoing> answers = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      answers.add(answerTo(submissions.get(i).sender(), outcomes.get(i)));
    }
    try {
      xmpp.sendAll(answers);
    } catch (ResourceException e) {
      // unanswered envelopes are resent by the client; the resends are answered then
      LOG.answersNotSent(answers.size(), e.getMessage());
    }
  }

  /**
   * The sender of a message that carries an envelope from this domain, within its rate; null for
   * anything else (a rate-limited sender, or one whose first contact could not be recorded, has
   * been answered already).
   */
  private Sender admit(InboundMessage message) {
    if (message.body() == null || message.from().local() == null) {
      return null; // chat states and other body-less stanzas carry no envelope
    }
    if (!message.from().domain().equals(xmpp.cachedUserDomain())) {
      LOG.foreignDomainIgnored(message.from().bare());
      return null;
    }
    Sender sender = senderOf(message);
    if (!limiter.tryAcquire(sender.userId())) {
      metrics.envelopeRefused(message.body(), ErrorCode.RATE_LIMITED);
      answer(sender, new Outcome(null, ErrorCode.RATE_LIMITED));
      return null;
    }
    ErrorCode refusal = null;
    try {
      // reserved ids and removed users send nothing; a removed user is not recorded again
      if (!contacts.seen(sender.userId())) {
        refusal = ids.isReserved(sender.userId()) ? ErrorCode.ID_RESERVED : ErrorCode.USER_UNKNOWN;
      }
    } catch (RuntimeException e) {
      // the directory is unreachable: answered error-025, so the client resends later
      Unavailability.report(XmppInboundConsumer.class, "could not record a first contact", e);
      metrics.envelopeRefused(message.body(), ErrorCode.INTERNAL);
      answer(sender, new Outcome(EnvelopeCodec.msgIdOf(message.body()), ErrorCode.INTERNAL));
      return null;
    }
    if (refusal != null) {
      metrics.envelopeRefused(message.body(), refusal);
      answer(sender, new Outcome(EnvelopeCodec.msgIdOf(message.body()), refusal));
      return null;
    }
    return sender;
  }

  /**
   * Messages the adapter refused to queue because their sender (or everyone) had too many waiting:
   * answered error-024 like a sender over its rate, nothing accepted or stored.
   */
  @Override
  public void onRefused(List<InboundMessage> refused) {
    List<XmppGateway.Outgoing> answers = new ArrayList<>(refused.size());
    for (InboundMessage message : refused) {
      if (message.body() == null
          || message.from().local() == null
          || !message.from().domain().equals(xmpp.cachedUserDomain())) {
        continue; // nothing an answer could name, or not a user of ours
      }
      metrics.envelopeRefused(message.body(), ErrorCode.RATE_LIMITED);
      Sender sender = senderOf(message);
      answers.add(
          answerTo(
              sender, new Outcome(EnvelopeCodec.msgIdOf(message.body()), ErrorCode.RATE_LIMITED)));
    }
    try {
      xmpp.sendAll(answers);
    } catch (ResourceException e) {
      LOG.answersNotSent(answers.size(), e.getMessage());
    }
  }

  /** Keeps the presence registry current and records users on first contact. */
  @Override
  public void onPresence(InboundPresence presence) {
    String user = presence.from().local();
    if (user == null || !presence.from().domain().equals(xmpp.cachedUserDomain())) {
      return;
    }
    String resource = presence.from().resource();
    if (presence.isAvailable()) {
      if (!contacts.seen(user)) {
        return; // a reserved id or a removed user is nobody's contact: not counted online
      }
      boolean isNew = !this.presence.resources(user).containsKey(resource);
      this.presence.available(
          user, resource, DeviceClass.of(presence.location(), resource), presence.stream());
      if (isNew) {
        acknowledge(user, resource);
      }
    } else if (presence.isUnavailable()) {
      this.presence.unavailable(user, resource, presence.stream());
    } else if ("subscribe".equals(presence.type())) {
      contacts.seen(user);
    }
  }

  /** The service's own presence back to a device it now counts as online. */
  private void acknowledge(String user, String resource) {
    try {
      xmpp.sendPresence(user, resource, true);
    } catch (ResourceException e) {
      LOG.presenceNotAcknowledged(user, e.getMessage());
    }
  }

  /** The user, device and device class a message came from. */
  private static Sender senderOf(InboundMessage message) {
    return new Sender(
        message.from().local(),
        message.from().resource(),
        DeviceClass.of(message.location(), message.from().resource()),
        message.location());
  }

  private static XmppGateway.Outgoing answerTo(Sender sender, Outcome outcome) {
    String answer =
        EnvelopeCodec.write(
            ServerEnvelopes.answer(sender.userId(), outcome.msgId(), outcome.failure()));
    return new XmppGateway.Outgoing(sender.userId(), sender.resource(), answer, null);
  }

  private void answer(Sender sender, Outcome outcome) {
    try {
      xmpp.sendAll(List.of(answerTo(sender, outcome)));
    } catch (ResourceException e) {
      // unanswered envelopes are resent by the client; the resend is answered then
      LOG.answerNotSent(sender.userId(), e.getMessage());
    }
  }
}
