package im.tlim.inbound;

import im.tlim.delivery.XmppGateway;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.ServerEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.Accepted;
import im.tlim.message.DuplicateEnvelopeException;
import im.tlim.message.MessageService;
import im.tlim.message.Sender;
import im.tlim.presence.DeviceClass;
import im.tlim.presence.PresenceRegistry;
import im.tlim.user.Contacts;
import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.api.InboundPresence;
import im.tlim.xmpp.api.XmppMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.lang.System.Logger.Level;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Receives every message the XMPP server routes to the service address. Each envelope is
 * accepted in its own transaction (by {@link MessageService}), and only after that commits is
 * the sender answered {@code MTC-001 ok}; a failure is answered with its code.
 */
@MessageDriven(
    messageListenerInterface = XmppMessageListener.class,
    activationConfig = {
      @ActivationConfigProperty(propertyName = "stanzaKinds", propertyValue = "message,presence"),
      @ActivationConfigProperty(propertyName = "messageTypes", propertyValue = "chat,normal"),
      @ActivationConfigProperty(propertyName = "orderedPerSender", propertyValue = "true")
    })
@ResourceAdapter("tlim-xmpp")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class XmppInboundConsumer implements XmppMessageListener {

  private static final System.Logger LOG = System.getLogger(XmppInboundConsumer.class.getName());

  @EJB private MessageService messages;
  @Inject private XmppGateway xmpp;
  @Inject private PresenceRegistry presence;
  @Inject private Contacts contacts;
  @Inject private RateLimiter limiter;

  @Override
  public void onMessage(InboundMessage message) {
    if (message.body() == null || message.from().local() == null) {
      return; // chat states and other body-less stanzas carry no envelope
    }
    if (!message.from().domain().equals(xmpp.cachedUserDomain())) {
      LOG.log(Level.WARNING, "ignored a message from another domain: {0}", message.from().bare());
      return;
    }
    contacts.seen(message.from().local());
    Sender sender =
        new Sender(
            message.from().local(),
            message.from().resource(),
            DeviceClass.of(message.location(), message.from().resource()),
            message.location());
    if (!limiter.tryAcquire(sender.userId())) {
      answer(sender, null, ErrorCode.RATE_LIMITED);
      return;
    }
    String answeredId;
    ErrorCode failure = null;
    try {
      Accepted accepted = messages.accept(sender, message.body());
      answeredId = accepted.msgId();
    } catch (DuplicateEnvelopeException e) {
      answeredId = e.msgId();
    } catch (TlimException e) {
      answeredId = e.msgId();
      failure = e.code();
      LOG.log(Level.DEBUG, "refused an envelope from {0}: {1}", sender.userId(), e.getMessage());
    } catch (EJBException e) {
      // the store is unavailable: the client may resend later
      answeredId = null;
      failure = ErrorCode.INTERNAL;
      LOG.log(Level.WARNING, "could not accept an envelope from " + sender.userId(), e);
    }
    answer(sender, answeredId, failure);
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
      contacts.seen(user);
      boolean isNew = !this.presence.resources(user).containsKey(resource);
      this.presence.available(user, resource, DeviceClass.of(presence.location(), resource));
      if (isNew) {
        acknowledge(user, resource);
      }
    } else if (presence.isUnavailable()) {
      this.presence.unavailable(user, resource);
    } else if ("subscribe".equals(presence.type())) {
      contacts.seen(user);
    }
  }

  /** The service's own presence back to a device it now counts as online. */
  private void acknowledge(String user, String resource) {
    try {
      xmpp.sendPresence(user, resource, true);
    } catch (ResourceException e) {
      LOG.log(Level.DEBUG, "could not acknowledge presence of {0}: {1}", user, e.getMessage());
    }
  }

  private void answer(Sender sender, String msgId, ErrorCode failure) {
    String answer = EnvelopeCodec.write(ServerEnvelopes.answer(sender.userId(), msgId, failure));
    try {
      xmpp.send(sender.userId(), sender.resource(), answer, null);
    } catch (ResourceException e) {
      // unanswered envelopes are resent by the client; the resend is answered then
      LOG.log(Level.WARNING, "could not answer {0}: {1}", sender.userId(), e.getMessage());
    }
  }
}
