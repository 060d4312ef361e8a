package im.tlim.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client as a careful mobile app behaves: it streams 1:1 text envelopes at a steady rate, resends
 * an envelope that got no answer within 3 s, resends one answered error-025 (retry later) after 1
 * s, and logs in again when its XMPP connection drops. It keeps a ledger of what it sent and what
 * it was answered, which a fault test compares with what was stored and delivered.
 */
final class EnvelopeStream implements AutoCloseable {

  private static final long RESEND_UNANSWERED_NANOS = Duration.ofSeconds(3).toNanos();
  private static final long RESEND_RETRYABLE_NANOS = Duration.ofSeconds(1).toNanos();

  /** One envelope's history at the client. */
  static final class Sent {
    final String msgId;
    final long firstSent;
    long lastSent;
    long resendAt;
    int attempts;
    long okAt;
    final List<String> refusals = new ArrayList<>();

    Sent(String msgId, long now) {
      this.msgId = msgId;
      this.firstSent = now;
    }
  }

  final String user;
  final String to;
  private final String resource;
  private final long intervalNanos;
  private final Map<String, Sent> ledger = new LinkedHashMap<>();
  private final Map<String, Integer> failureCodes = new ConcurrentHashMap<>();
  private final AtomicBoolean sending = new AtomicBoolean(true);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread loop;
  private volatile XmppClient client;
  private volatile long longestFailAnswerNanos;
  private volatile int reconnects;
  private volatile Throwable broken;
  private int sequence;

  private EnvelopeStream(String user, String to, String resource, double perSecond) {
    this.user = user;
    this.to = to;
    this.resource = resource;
    this.intervalNanos = (long) (1_000_000_000L / perSecond);
    this.loop = new Thread(this::run, "stream-" + user);
    this.loop.setDaemon(true);
  }

  /** Logs {@code user} in (an account of its own on the XMPP server) and starts streaming. */
  static EnvelopeStream start(String user, String to, double perSecond) throws Exception {
    EnvelopeStream stream = new EnvelopeStream(user, to, "stream", perSecond);
    stream.client = XmppClient.online(user, stream.resource);
    stream.loop.start();
    return stream;
  }

  private void run() {
    long nextSend = System.nanoTime();
    while (running.get()) {
      try {
        XmppClient current = client;
        if (!current.isConnected()) {
          relogin();
          continue;
        }
        for (XmppClient.Received received : current.drain()) {
          answered(received.envelope());
        }
        long now = System.nanoTime();
        if (sending.get() && now >= nextSend) {
          String msgId = user + "-" + (++sequence);
          Sent sent;
          synchronized (ledger) {
            sent = new Sent(msgId, now);
            ledger.put(msgId, sent);
          }
          send(current, sent, now);
          nextSend += intervalNanos;
          if (now - nextSend > Duration.ofSeconds(1).toNanos()) {
            nextSend = now; // after a stall, no catch-up burst
          }
        }
        resendDue(current, now);
        Thread.sleep(5);
      } catch (InterruptedException e) {
        return;
      } catch (org.jivesoftware.smack.SmackException e) {
        // a send on a connection that is dropping (the XMPP server stops): the next round
        // logs in again
      } catch (Exception e) {
        if (client.isConnected()) {
          broken = e; // a fault of the client itself: its figures would be wrong
        }
      }
    }
  }

  private void relogin() throws InterruptedException {
    try {
      client.close();
    } catch (RuntimeException ignored) {
      // already gone
    }
    try {
      client = XmppClient.online(user, resource);
      reconnects++;
    } catch (Exception | AssertionError e) {
      Thread.sleep(500); // the XMPP server (or the service) is not back yet
    }
  }

  private void send(XmppClient current, Sent sent, long now) throws Exception {
    sent.attempts++;
    sent.lastSent = now;
    sent.resendAt = now + RESEND_UNANSWERED_NANOS;
    current.send(Envelopes.text(user, to, sent.msgId, "fault stream " + sent.msgId), null);
  }

  private void resendDue(XmppClient current, long now) throws Exception {
    List<Sent> due = new ArrayList<>();
    synchronized (ledger) {
      for (Sent sent : ledger.values()) {
        if (sent.okAt == 0 && now >= sent.resendAt) {
          due.add(sent);
        }
      }
    }
    for (Sent sent : due) {
      send(current, sent, now);
    }
  }

  private void answered(JsonNode envelope) {
    if (!envelope.path("msg_type").asText().equals("MTC-001")) {
      return;
    }
    JsonNode answer = envelope.path("body").path(0);
    long now = System.nanoTime();
    synchronized (ledger) {
      Sent sent = ledger.get(answer.path("msg_id").asText());
      if (sent == null || sent.okAt != 0) {
        return;
      }
      if (answer.path("result").asText().equals("ok")) {
        sent.okAt = now;
      } else {
        String code = answer.path("result_detail").asText();
        sent.refusals.add(code);
        failureCodes.merge(code, 1, Integer::sum);
        longestFailAnswerNanos = Math.max(longestFailAnswerNanos, now - sent.lastSent);
        // error-025 and error-024 are "retry later"; anything else would be a wrong refusal
        sent.resendAt = now + RESEND_RETRYABLE_NANOS;
      }
    }
  }

  /** Stops making new envelopes; resends go on until everything is answered ok. */
  void stopSending() {
    sending.set(false);
  }

  /** Waits until every envelope sent has been answered ok. */
  void awaitAllAnswered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (unanswered().isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        user
            + ": "
            + unanswered().size()
            + " envelopes never answered ok: "
            + unanswered().stream().limit(10).toList()
            + "; failures "
            + failureCodes);
  }

  List<String> unanswered() {
    synchronized (ledger) {
      return ledger.values().stream().filter(s -> s.okAt == 0).map(s -> s.msgId).toList();
    }
  }

  /** The msg_ids answered ok. */
  List<String> answeredOk() {
    synchronized (ledger) {
      return ledger.values().stream().filter(s -> s.okAt != 0).map(s -> s.msgId).toList();
    }
  }

  int sent() {
    synchronized (ledger) {
      return ledger.size();
    }
  }

  int attempts() {
    synchronized (ledger) {
      return ledger.values().stream().mapToInt(s -> s.attempts).sum();
    }
  }

  /** The first time (System.nanoTime) after {@code since} that an envelope was answered ok. */
  long firstOkAfter(long since) {
    synchronized (ledger) {
      return ledger.values().stream()
          .mapToLong(s -> s.okAt)
          .filter(t -> t > since)
          .min()
          .orElse(Long.MAX_VALUE);
    }
  }

  /** How many answers were ok'd in the interval [from, to). */
  int okBetween(long from, long to) {
    synchronized (ledger) {
      return (int) ledger.values().stream().filter(s -> s.okAt >= from && s.okAt < to).count();
    }
  }

  /** Answers other than ok, by code. */
  Map<String, Integer> failureCodes() {
    return new TreeMap<>(failureCodes);
  }

  /** The longest wait for a failure answer. */
  Duration longestFailAnswer() {
    return Duration.ofNanos(longestFailAnswerNanos);
  }

  int reconnects() {
    return reconnects;
  }

  /**
   * Sends one more envelope and waits for its ok: a marker that everything before it was handled.
   */
  String marker(Duration timeout) throws Exception {
    String msgId = user + "-marker-" + Envelopes.newId().substring(0, 8);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (ledger) {
      // resendAt 0: the loop sends it at once
      ledger.put(msgId, new Sent(msgId, System.nanoTime()));
    }
    while (System.nanoTime() < deadline) {
      synchronized (ledger) {
        if (ledger.get(msgId).okAt != 0) {
          return msgId;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError(user + ": marker " + msgId + " not answered ok within " + timeout);
  }

  /** A failure of the client itself (not of the service), which would make the figures wrong. */
  Throwable broken() {
    return broken;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    loop.join(5000);
    client.close();
  }
}
