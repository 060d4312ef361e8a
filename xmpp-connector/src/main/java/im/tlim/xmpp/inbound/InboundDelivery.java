package im.tlim.xmpp.inbound;

import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.api.InboundPresence;
import im.tlim.xmpp.api.XmppMessageListener;
import im.tlim.xmpp.logging.ConnectorLogger;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands one stanza (or one sender's batch of messages) to one fresh endpoint instance: create,
 * beforeDelivery, call, afterDelivery, and release in {@code finally}, whatever the bean did.
 */
final class InboundDelivery implements Work {

  private static final ConnectorLogger LOG = ConnectorLogger.of(InboundDelivery.class);
  static final Method ON_MESSAGE = listenerMethod("onMessage", InboundMessage.class);
  static final Method ON_MESSAGES = listenerMethod("onMessages", List.class);
  static final Method ON_PRESENCE = listenerMethod("onPresence", InboundPresence.class);
  static final Method ON_REFUSED = listenerMethod("onRefused", List.class);

  private final MessageEndpointFactory factory;
  private final Method method;
  private final Object stanza;

  private InboundDelivery(MessageEndpointFactory factory, Method method, Object stanza) {
    this.factory = factory;
    this.method = method;
    this.stanza = stanza;
  }

  static InboundDelivery of(MessageEndpointFactory factory, InboundMessage message) {
    return new InboundDelivery(factory, ON_MESSAGE, message);
  }

  static InboundDelivery of(MessageEndpointFactory factory, InboundPresence presence) {
    return new InboundDelivery(factory, ON_PRESENCE, presence);
  }

  /** Whether this is a single message that may join a batch. */
  boolean isSingleMessage() {
    return method == ON_MESSAGE;
  }

  /**
   * One delivery of several single-message deliveries to the same factory, in their order.
   *
   * @param singles at least two, each {@link #isSingleMessage()}
   */
  static InboundDelivery batchOf(List<InboundDelivery> singles) {
    List<InboundMessage> messages = new ArrayList<>(singles.size());
    for (InboundDelivery single : singles) {
      messages.add((InboundMessage) single.stanza);
    }
    return new InboundDelivery(singles.get(0).factory, ON_MESSAGES, List.copyOf(messages));
  }

  /** One delivery of messages the adapter refused to queue, in their order. */
  static InboundDelivery refusalOf(MessageEndpointFactory factory, List<InboundMessage> refused) {
    return new InboundDelivery(factory, ON_REFUSED, List.copyOf(refused));
  }

  @Override
  @SuppressWarnings("unchecked")
  public void run() {
    MessageEndpoint endpoint;
    try {
      endpoint = factory.createEndpoint(null);
    } catch (UnavailableException e) {
      LOG.noEndpoint(factory, e.getMessage());
      return;
    }
    try {
      endpoint.beforeDelivery(method);
      try {
        XmppMessageListener listener = (XmppMessageListener) endpoint;
        if (method == ON_MESSAGE) {
          listener.onMessage((InboundMessage) stanza);
        } else if (method == ON_MESSAGES) {
          listener.onMessages((List<InboundMessage>) stanza);
        } else if (method == ON_REFUSED) {
          listener.onRefused((List<InboundMessage>) stanza);
        } else {
          listener.onPresence((InboundPresence) stanza);
        }
      } finally {
        endpoint.afterDelivery();
      }
    } catch (Exception e) {
      // The sender is answered by the application, or not at all; a client that gets no answer
      // resends. So a failed delivery is logged and not retried here.
      LOG.deliveryFailed(factory.getEndpointClass(), e.toString());
    } finally {
      endpoint.release();
    }
  }

  @Override
  public void release() {
    // a delivery in progress runs to its end
  }

  private static Method listenerMethod(String name, Class<?> parameter) {
    try {
      return XmppMessageListener.class.getMethod(name, parameter);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
