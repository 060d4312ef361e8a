package im.tlim.web.live;

import im.tlim.delivery.DeliveryConsumer;
import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.ServerEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.message.Accepted;
import im.tlim.message.DuplicateEnvelopeException;
import im.tlim.message.MessageService;
import im.tlim.message.Sender;
import im.tlim.observability.ServiceMetrics;
import im.tlim.presence.DeviceClass;
import im.tlim.presence.LiveConnections;
import im.tlim.web.auth.Caller;
import im.tlim.web.auth.TokenVerifier;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code /live?access_token=…}: a web page's live channel, for the token's user. Everything delivered to the user's web
 * devices is pushed here as envelope JSON text frames; frames the page sends are envelopes,
 * accepted like those over XMPP and answered with MTC-001 on the same socket.
 */
@ServerEndpoint("/live")
public class LiveEndpoint {

  private static final System.Logger LOG = System.getLogger(LiveEndpoint.class.getName());
  private static final int MAX_FRAME = 64 * 1024;
  private static final TokenVerifier VERIFIER = TokenVerifier.fromSystemProperties();

  @Inject private LiveConnections pages;
  @Inject private im.tlim.inbound.RateLimiter limiter;
  @EJB private MessageService messages;
  @Inject private ServiceMetrics metrics;

  private String user;
  private Consumer<String> sink;

  @OnOpen
  public void open(Session session) throws IOException {
    session.setMaxTextMessageBufferSize(MAX_FRAME);
    // BearerTokenFilter refused the handshake without a valid token; the page's user is the
    // token's subject, and a user_id naming anyone else is refused
    Caller caller;
    try {
      caller = VERIFIER.verify(first(session, "access_token"));
    } catch (TokenVerifier.InvalidToken | RuntimeException e) {
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, ErrorCode.NOT_AUTHENTICATED.code()));
      return;
    }
    String named = first(session, "user_id");
    if (caller.isService() || (named != null && !named.equals(caller.userId()))) {
      session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, ErrorCode.NOT_AUTHORISED.code()));
      return;
    }
    user = caller.userId();
    // async sends: a slow page must not hold up delivery to everyone else
    sink = text -> session.getAsyncRemote().sendText(text);
    pages.open(user, sink);
  }

  private static String first(Session session, String name) {
    List<String> values = session.getRequestParameterMap().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @OnMessage
  public void envelope(String text, Session session) {
    long started = System.nanoTime();
    Sender sender = new Sender(user, DeliveryConsumer.LIVE_RESOURCE_PREFIX + session.getId(), DeviceClass.WEB, "web");
    String answeredId;
    ErrorCode failure = null;
    if (!limiter.tryAcquire(user)) {
      metrics.envelopeRefused(text, ErrorCode.RATE_LIMITED);
      session.getAsyncRemote()
          .sendText(EnvelopeCodec.write(ServerEnvelopes.answer(user, null, ErrorCode.RATE_LIMITED)));
      return;
    }
    try {
      Accepted accepted = messages.accept(sender, text);
      answeredId = accepted.msgId();
    } catch (DuplicateEnvelopeException e) {
      answeredId = e.msgId();
      try {
        // the sender's own resend (its copies go out again), or another's msg_id (refused)
        failure = messages.resent(sender, text).failure();
      } catch (RuntimeException again) {
        failure = ErrorCode.INTERNAL;
      }
    } catch (TlimException e) {
      answeredId = e.msgId();
      failure = e.code();
    } catch (EJBException e) {
      answeredId = null;
      failure = ErrorCode.INTERNAL;
      if (im.tlim.error.Unavailability.isCause(e)) {
        im.tlim.error.Unavailability.report(LOG, "could not accept envelopes from pages", e);
      } else {
        LOG.log(Level.ERROR, "could not accept an envelope from a page of " + user, e);
      }
    }
    metrics.envelopeAnswered(text, failure, System.nanoTime() - started);
    session.getAsyncRemote()
        .sendText(EnvelopeCodec.write(ServerEnvelopes.answer(user, answeredId, failure)));
  }

  @OnClose
  public void close() {
    if (user != null) {
      pages.close(user, sink);
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(Level.DEBUG, "live socket of {0} failed: {1}", user, error.toString());
    close();
  }
}
