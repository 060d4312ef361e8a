package im.tlim.xmpp.adapter;

import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.api.InboundPresence;
import im.tlim.xmpp.inbound.EndpointActivation;
import im.tlim.xmpp.logging.ConnectorLogger;
import java.io.IOException;
import java.util.Collection;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.util.StringUtils;

/**
 * What the adapter does with each stanza read from the stream. Messages and presence go to every
 * active endpoint; the protocol chores a component owes the server are answered here: IQ requests
 * (ping, service discovery, an error for the rest), subscription requests (approved), and presence
 * probes (answered available).
 */
final class StanzaRouter {

  private static final ConnectorLogger LOG = ConnectorLogger.of(StanzaRouter.class);
  private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
  private static final String PING = "urn:xmpp:ping";

  private final Collection<EndpointActivation> activations;

  StanzaRouter(Collection<EndpointActivation> activations) {
    this.activations = activations;
  }

  /** Handles one stanza read from {@code stream}, on the stream's reader thread. */
  void route(Stanza stanza, ComponentStream stream) {
    if (LOG.isTraceEnabled()) {
      LOG.stanzaReceived(stanza.getClass().getSimpleName(), stanza.getFrom());
    }
    try {
      if (stanza instanceof Message message) {
        InboundMessage inbound = Stanzas.toInbound(message);
        activations.forEach(a -> a.deliver(inbound));
      } else if (stanza instanceof Presence presence) {
        answerPresence(presence, stream);
        InboundPresence inbound = Stanzas.toInbound(presence, stream.generation());
        activations.forEach(a -> a.deliver(inbound));
      } else if (stanza instanceof IQ iq) {
        answerIq(iq, stream);
      }
    } catch (IOException e) {
      LOG.stanzaUnanswered(e.getMessage());
      stream.close();
    }
  }

  private void answerPresence(Presence presence, ComponentStream stream) throws IOException {
    String service = stream.settings().serviceAddress();
    if (presence.getFrom() == null) {
      return;
    }
    String peer = presence.getFrom().asBareJid().toString();
    switch (presence.getType()) {
      case subscribe -> {
        // users subscribe to the service; approve, and ask back so presence flows to us too
        stream.write(Stanzas.presence(service, peer, Presence.Type.subscribed));
        stream.write(Stanzas.presence(service, peer, Presence.Type.subscribe));
      }
      case probe -> stream.write(Stanzas.presence(service, peer, Presence.Type.available));
      default -> {
        // available / unavailable / subscribed / unsubscribe(d): the application decides
      }
    }
  }

  private void answerIq(IQ iq, ComponentStream stream) throws IOException {
    if (iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set) {
      return;
    }
    String namespace = iq.getChildElementNamespace();
    if (iq.getType() == IQ.Type.get && PING.equals(namespace)) {
      stream.write(Stanzas.serialise(IQ.createResultIQ(iq)));
    } else if (iq.getType() == IQ.Type.get && DISCO_INFO.equals(namespace)) {
      stream.write(discoInfo(iq));
    } else {
      stream.write(
          Stanzas.serialise(IQ.createErrorResponse(iq, StanzaError.Condition.service_unavailable)));
    }
  }

  private static String discoInfo(IQ iq) {
    return "<iq type='result' id='"
        + StringUtils.escapeForXmlAttributeApos(iq.getStanzaId())
        + "' from='"
        + StringUtils.escapeForXmlAttributeApos(String.valueOf(iq.getTo()))
        + "' to='"
        + StringUtils.escapeForXmlAttributeApos(String.valueOf(iq.getFrom()))
        + "'><query xmlns='"
        + DISCO_INFO
        + "'><identity category='component' type='generic' name='tlim'/>"
        + "<feature var='"
        + DISCO_INFO
        + "'/><feature var='"
        + PING
        + "'/></query></iq>";
  }
}
