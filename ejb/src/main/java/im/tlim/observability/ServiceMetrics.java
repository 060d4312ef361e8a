package im.tlim.observability;

import im.tlim.envelope.MsgType;
import im.tlim.error.ErrorCode;
import im.tlim.message.Outcome;
import im.tlim.message.Submission;
import im.tlim.xmpp.api.XmppConnection;
import im.tlim.xmpp.api.XmppConnectionFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.resource.ResourceException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The service's own metrics, in WildFly's Micrometer registry (served in Prometheus format on the
 * management interface, see the README). Code that does something worth counting calls one method
 * here, so the call sites stay one line each and the names and tags live in one place:
 *
 * <ul>
 *   <li>{@code tlim_envelopes_total{msg_type, result}}: envelopes received over XMPP and the live
 *       channel, by type and answer ({@code ok} or the error code)
 *   <li>{@code tlim_envelope_accept_seconds}: from taking an envelope to its answer being ready
 *       (accepted and committed, or refused)
 *   <li>{@code tlim_copies_total{channel}}: copies delivered, by {@code xmpp}, {@code live}, {@code
 *       push}
 *   <li>{@code tlim_withheld_messages_total}: stored messages whose queued copies were not sent,
 *       because the message was recalled (or its history cleared) before they went out
 *   <li>{@code tlim_queue_depth{queue}}: messages waiting in each tlim JMS queue
 *   <li>{@code tlim_offline_backlog}: rows in the offline store
 *   <li>{@code tlim_xmpp_reconnects_total}: component stream reconnects since the connector started
 *   <li>{@code tlim_dead_letters}: dead letters kept now; {@code tlim_dead_lettered_total{queue}}:
 *       messages dead-lettered since the start
 * </ul>
 *
 * <p>Gauges and the reconnect counter are read on the server's scrape thread, where the
 * application's CDI contexts are not active: what they call is plain objects ({@link QueueDepths},
 * the {@code @Dependent} {@link ObservedDatabase}, the connector's factory), never a client proxy.
 *
 * <p>Meters are registered through the registry's plain methods ({@code counter(name, tags)} …):
 * WildFly hands each deployment a wrapper that tags them with the deployment ({@code
 * WF_DEPLOYMENT}) and supports those methods only (no builders, no configuration, so the timer has
 * no histogram buckets: count, sum and max). It keeps them after an undeploy, so this bean removes
 * its own when it is destroyed.
 */
@ApplicationScoped
public class ServiceMetrics {

  /** The ways a copy reaches a device. */
  public enum Channel {
    XMPP,
    LIVE,
    PUSH;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The JMS queues whose depth is published. */
  static final List<String> QUEUES =
      List.of("tlim.delivery", "tlim.push", "tlim.approval", "tlim.dead-letter");

  static final String UNKNOWN_TYPE = "unknown";

  /** Every meter of the service is named tlim.… */
  private static final String PREFIX = "tlim.";

  @Inject private MeterRegistry registry;
  @Inject private ObservedDatabase database;

  @Resource(lookup = "java:/eis/tlim/xmpp")
  private XmppConnectionFactory connections;

  private final QueueDepths queues = new QueueDepths();

  private final ConcurrentMap<String, Counter> envelopes = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> deadLettered = new ConcurrentHashMap<>();
  private final ConcurrentMap<Channel, Counter> copies = new ConcurrentHashMap<>();

  /** The highest stream generation seen: a counter must never go down (0 while none is open). */
  private final AtomicLong generation = new AtomicLong();

  private Timer accept;
  private Counter withheld;

  @PostConstruct
  void register() {
    removeMeters(); // a gauge left from an earlier deployment would be returned, reading nothing
    accept = registry.timer("tlim.envelope.accept", Tags.empty());
    withheld = registry.counter("tlim.withheld.messages", Tags.empty());
    for (Channel channel : Channel.values()) {
      copies.put(channel, registry.counter("tlim.copies", Tags.of("channel", channel.tag())));
    }
    for (String queue : QUEUES) {
      registry.gauge("tlim.queue.depth", Tags.of("queue", queue), queues, q -> q.depth(queue));
    }
    registry.gauge(
        "tlim.offline.backlog", Tags.empty(), database, ObservedDatabase::offlineBacklog);
    registry.gauge("tlim.dead.letters", Tags.empty(), database, ObservedDatabase::deadLetters);
    registry.more().counter("tlim.xmpp.reconnects", Tags.empty(), this, ServiceMetrics::reconnects);
  }

  /**
   * Removes this deployment's meters: WildFly keeps them in its registry after an undeploy, and a
   * gauge registered again under the same name would be the old one, reading an object gone.
   */
  @PreDestroy
  void removeMeters() {
    for (Meter meter : registry.getMeters()) {
      if (meter.getId().getName().startsWith(PREFIX)) {
        registry.remove(meter);
      }
    }
  }

  /** Creates the bean (and so registers the meters) when the application starts. */
  void start(@Observes Startup startup) {
    // nothing more: being called made the instance
  }

  /**
   * One envelope was answered.
   *
   * @param msgType its msg_type (any text; unknown types are counted as {@value #UNKNOWN_TYPE})
   * @param result {@code ok} or an error code
   * @param nanos how long it took from taking it to the answer
   */
  public void envelopeAccepted(String msgType, String result, long nanos) {
    String type = MsgType.fromCode(msgType).map(MsgType::code).orElse(UNKNOWN_TYPE);
    envelopes
        .computeIfAbsent(
            type + ' ' + result,
            k -> registry.counter("tlim.envelopes", Tags.of("msg_type", type, "result", result)))
        .increment();
    if (nanos >= 0) {
      accept.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Accepts envelopes together through {@code accept}; each is counted with the time the whole
   * batch took (a batch that fell back to one at a time included).
   */
  public List<Outcome> acceptingAll(List<Submission> submissions, Supplier<List<Outcome>> accept) {
    long started = System.nanoTime();
    List<Outcome> outcomes = accept.get();
    long nanos = System.nanoTime() - started;
    for (int i = 0; i < outcomes.size() && i < submissions.size(); i++) {
      envelopeAccepted(
          EnvelopeTypes.of(submissions.get(i).text()), resultOf(outcomes.get(i).failure()), nanos);
    }
    return outcomes;
  }

  /** An envelope was answered, {@code ok} when {@code failure} is null. */
  public void envelopeAnswered(String envelope, ErrorCode failure, long nanos) {
    envelopeAccepted(EnvelopeTypes.of(envelope), resultOf(failure), nanos);
  }

  /** An envelope refused before it was accepted (over the rate limit, say); not timed. */
  public void envelopeRefused(String envelope, ErrorCode code) {
    envelopeAccepted(EnvelopeTypes.of(envelope), code.code(), -1);
  }

  /** Copies were written to devices' XMPP sessions. */
  public void xmppCopiesSent(int count) {
    copiesSent(Channel.XMPP, count);
  }

  /** Frames were handed to web pages' live sockets. */
  public void liveCopiesSent(int count) {
    copiesSent(Channel.LIVE, count);
  }

  /** A push notice was taken by the push gateway. */
  public void pushSent() {
    copiesSent(Channel.PUSH, 1);
  }

  /** Copies reached devices (or the push gateway) through one channel. */
  public void copiesSent(Channel channel, int count) {
    if (count > 0) {
      copies.get(channel).increment(count);
    }
  }

  /** Messages' queued copies were not sent: recalled or cleared after they were queued. */
  public void messagesWithheld(int count) {
    if (count > 0) {
      withheld.increment(count);
    }
  }

  /** A message of {@code queue} was dead-lettered (and is now kept as a dead letter). */
  public void deadLettered(String queue) {
    deadLettered
        .computeIfAbsent(queue, q -> registry.counter("tlim.dead.lettered", Tags.of("queue", q)))
        .increment();
  }

  /**
   * Reconnects since the connector started: its streams are numbered 1, 2, … so every one after the
   * first is a reconnect. Read while a stream is open; between, the last number seen stands.
   */
  double reconnects() {
    long read;
    try (XmppConnection connection = connections.getConnection()) {
      read = connection.streamGeneration();
    } catch (ResourceException e) {
      read = 0;
    }
    long highest = generation.accumulateAndGet(read, Math::max);
    return Math.max(0, highest - 1);
  }

  static String resultOf(ErrorCode failure) {
    return failure == null ? "ok" : failure.code();
  }
}
