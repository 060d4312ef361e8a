package im.tlim.web.live;

import im.tlim.envelope.EnvelopeCodec;
import im.tlim.envelope.ServerEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.message.MessageService;
import im.tlim.message.Outcome;
import im.tlim.message.Sender;
import im.tlim.message.Submission;
import im.tlim.observability.ServiceMetrics;
import im.tlim.presence.DeviceClass;
import im.tlim.presence.LiveConnections;
import im.tlim.presence.LiveTickets;
import im.tlim.user.UserService;
import im.tlim.web.auth.Caller;
import im.tlim.web.auth.TokenVerifier;
import im.tlim.web.logging.WebLogger;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /live}: a web page's live channel, for the token's user. The token comes in the {@code
 * Authorization: Bearer} header; browsers, which cannot set headers on a WebSocket handshake, pass
 * a single-use {@code ticket} from liveTicket (or the token as {@code access_token}). Everything
 * delivered to the user's web devices is pushed here as envelope JSON text frames; frames the page
 * sends are envelopes, accepted like those over XMPP and answered with MTC-001 on the same socket.
 * The socket is closed when its token expires, when its user is removed and when it does not read
 * its frames fast enough (the close codes of {@link LiveConnections}).
 */
@ServerEndpoint(value = "/live", configurator = LiveEndpoint.Handshake.class)
public class LiveEndpoint {

  private static final WebLogger LOG = WebLogger.of(LiveEndpoint.class);
  private static final int MAX_FRAME = 64 * 1024;
  private static final TokenVerifier VERIFIER = TokenVerifier.fromSystemProperties();

  /** The user property the handshake leaves the header's token in (per connection). */
  private static final String HEADER_TOKEN = LiveEndpoint.class.getName() + ".token";

  private static final String BEARER = "bearer ";

  @Inject private LiveConnections pages;
  @Inject private im.tlim.inbound.RateLimiter limiter;
  @EJB private MessageService messages;
  @EJB private UserService users;
  @EJB private LiveTickets tickets;
  @Inject private ServiceMetrics metrics;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  private ManagedExecutorService closer;

  private String user;
  private String pageId;
  private LiveConnections.Page page;

  /** Keeps the handshake's {@code Authorization} token for {@link #open}, which sees no headers. */
  public static class Handshake extends ServerEndpointConfig.Configurator {
    @Override
    public void modifyHandshake(
        ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
      // the config is a copy per connection (Jakarta WebSocket 2.1, 3.1.4)
      for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
        if ("Authorization".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
          String value = header.getValue().get(0);
          if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            config.getUserProperties().put(HEADER_TOKEN, value.substring(BEARER.length()).trim());
          }
        }
      }
    }
  }

  @OnOpen
  public void open(Session session) throws IOException {
    session.setMaxTextMessageBufferSize(MAX_FRAME);
    // BearerTokenFilter refused the handshake without a valid token; the page's user is the
    // token's subject, and a user_id naming anyone else is refused
    TokenVerifier.Verified verified;
    try {
      verified = verified(session);
    } catch (TokenVerifier.InvalidToken | RuntimeException e) {
      session.close(
          new CloseReason(
              CloseReason.CloseCodes.VIOLATED_POLICY, ErrorCode.NOT_AUTHENTICATED.code()));
      return;
    }
    Caller caller = verified.caller();
    String named = first(session, "user_id");
    if (caller.isService() || (named != null && !named.equals(caller.userId()))) {
      session.close(
          new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, ErrorCode.NOT_AUTHORISED.code()));
      return;
    }
    if (!users.removedAmong(Set.of(caller.userId())).isEmpty()) {
      session.close(
          new CloseReason(
              CloseReason.CloseCodes.getCloseCode(LiveConnections.USER_REMOVED),
              "error-013: the user was removed"));
      return;
    }
    user = caller.userId();
    pageId = LiveConnections.newPageId();
    page = pages.open(user, pageId, socket(session), verified.expiresAt().toEpochMilli());
  }

  /**
   * The handshake's caller: from the Authorization header, else the access_token parameter, else a
   * ticket (redeemed here, once).
   */
  private TokenVerifier.Verified verified(Session session) throws TokenVerifier.InvalidToken {
    Object header = session.getUserProperties().get(HEADER_TOKEN);
    String token = header != null ? (String) header : first(session, "access_token");
    if (token != null || first(session, "ticket") == null) {
      return VERIFIER.verifyWithExpiry(token);
    }
    LiveTickets.Redeemed redeemed = tickets.redeem(first(session, "ticket"));
    if (redeemed == null) {
      throw new IllegalArgumentException("the ticket is unknown, expired or used");
    }
    return new TokenVerifier.Verified(
        new Caller(redeemed.userId(), Set.of(Caller.USER)),
        Instant.ofEpochMilli(redeemed.tokenExpiresAtMillis()));
  }

  /** The page's socket: async sends, so a slow page does not hold up delivery to everyone else. */
  private LiveConnections.Socket socket(Session session) {
    return new LiveConnections.Socket() {
      @Override
      public void send(String text, Runnable written) {
        try {
          session.getAsyncRemote().sendText(text, result -> written.run());
        } catch (RuntimeException e) {
          written.run(); // the socket is closing; its endpoint forgets the page
        }
      }

      @Override
      public void close(int code, String reason) {
        // off the caller's thread: closing a socket that does not read may wait for it
        closer.execute(
            () -> {
              try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
              } catch (IOException | RuntimeException e) {
                LOG.pageCloseFailed(user, e.toString());
              }
            });
      }
    };
  }

  private static String first(Session session, String name) {
    List<String> values = session.getRequestParameterMap().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @OnMessage
  public void envelope(String text, Session session) {
    if (page == null) {
      return; // refused at open; the socket is closing
    }
    long started = System.nanoTime();
    Sender sender = new Sender(user, pageId, DeviceClass.WEB, "web");
    if (!limiter.tryAcquire(user)) {
      metrics.envelopeRefused(text, ErrorCode.RATE_LIMITED);
      // answered with its msg_id when it has one, so the page knows which envelope to send again
      page.send(
          EnvelopeCodec.write(
              ServerEnvelopes.answer(user, EnvelopeCodec.msgIdOf(text), ErrorCode.RATE_LIMITED)));
      return;
    }
    // a batch of one; a failure comes back as its outcome
    Outcome outcome = messages.accept(List.of(new Submission(sender, text))).get(0);
    metrics.envelopeAnswered(text, outcome.failure(), System.nanoTime() - started);
    page.send(
        EnvelopeCodec.write(ServerEnvelopes.answer(user, outcome.msgId(), outcome.failure())));
  }

  @OnClose
  public void close() {
    if (user != null) {
      pages.close(user, pageId);
    }
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.liveSocketFailed(user, error.toString());
    close();
  }
}
