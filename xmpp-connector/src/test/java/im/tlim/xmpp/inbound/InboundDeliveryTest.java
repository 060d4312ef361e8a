package im.tlim.xmpp.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.api.InboundPresence;
import im.tlim.xmpp.api.XmppAddress;
import im.tlim.xmpp.api.XmppMessageListener;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboundDeliveryTest {

  private static final long WAIT_SECONDS = 10;
  private static final XmppAddress SERVICE = XmppAddress.parse("tlim.example.com");

  private static final Method ON_MESSAGE = listenerMethod("onMessage", InboundMessage.class);
  private static final Method ON_MESSAGES = listenerMethod("onMessages", List.class);
  private static final Method ON_PRESENCE = listenerMethod("onPresence", InboundPresence.class);

  private ExecutorService executor;
  private FakeWorkManager workManager;

  @BeforeEach
  void startExecutor() {
    executor = Executors.newFixedThreadPool(4);
    workManager = new FakeWorkManager(executor);
  }

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "executor stopped");
  }

  // --- fixtures ------------------------------------------------------------------------------

  private static Method listenerMethod(String name, Class<?> parameter) {
    try {
      return XmppMessageListener.class.getMethod(name, parameter);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static InboundMessage message(String from, String type, String id) {
    return new InboundMessage(
        XmppAddress.parse(from), SERVICE, type, id, "{\"n\":\"" + id + "\"}", null);
  }

  private static InboundPresence presence(String from) {
    return new InboundPresence(XmppAddress.parse(from), "available", "web", 1);
  }

  private static XmppActivationSpec spec() {
    return new XmppActivationSpec();
  }

  /** The stanza ids, comma-separated, as an endpoint records a batch. */
  private static String idsOf(List<InboundMessage> messages) {
    return messages.stream().map(InboundMessage::stanzaId).collect(Collectors.joining(","));
  }

  /** What one endpoint is called, in order, for one delivery to this listener method. */
  private static List<String> lifecycleOf(String method, String delivered) {
    return List.of(
        "create", "beforeDelivery:" + method, method + ":" + delivered, "afterDelivery", "release");
  }

  /** The factory's endpoints activated with a spec of these settings. */
  @SafeVarargs
  private EndpointActivation activate(
      FakeFactory factory, Consumer<XmppActivationSpec>... settings) {
    XmppActivationSpec spec = spec();
    for (Consumer<XmppActivationSpec> setting : settings) {
      setting.accept(spec);
    }
    return new EndpointActivation(factory, spec, workManager);
  }

  /** Chat messages from one sender (a full address) with these stanza ids, in this order. */
  private static void deliverChats(EndpointActivation activation, String from, String... ids) {
    for (String id : ids) {
      activation.deliver(message(from, "chat", id));
    }
  }

  /** Stanza ids m0, m1, … of this many messages. */
  private static String[] numbered(int count) {
    return IntStream.range(0, count).mapToObj(i -> "m" + i).toArray(String[]::new);
  }

  /** Lets the held first delivery ({@link #holdingFirst}) go on; waits for every release. */
  private static void releaseFirstAndAwait(CountDownLatch queued, FakeFactory factory)
      throws InterruptedException {
    queued.countDown();
    await(factory.released);
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(
        latch.await(WAIT_SECONDS, TimeUnit.SECONDS),
        "timed out with " + latch.getCount() + " deliveries outstanding");
  }

  /** One endpoint's lifecycle calls, in order, as strings. */
  private static final class FakeEndpoint implements MessageEndpoint, XmppMessageListener {
    final int number;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final FakeFactory factory;

    FakeEndpoint(int number, FakeFactory factory) {
      this.number = number;
      this.factory = factory;
      calls.add("create");
    }

    /** Records the call, then does what the factory was told such a call does. */
    private void called(String call, Runnable effect) {
      calls.add(call);
      effect.run();
    }

    @Override
    public void beforeDelivery(Method method) {
      called("beforeDelivery:" + method.getName(), () -> factory.beforeDeliveryMethods.add(method));
    }

    @Override
    public void onMessage(InboundMessage message) {
      called("onMessage:" + message.stanzaId(), () -> factory.onMessage.accept(message));
    }

    @Override
    public void onMessages(List<InboundMessage> messages) {
      called("onMessages:" + idsOf(messages), () -> messages.forEach(factory.onMessage));
    }

    @Override
    public void onRefused(List<InboundMessage> messages) {
      called("onRefused:" + idsOf(messages), () -> factory.refused.addAll(messages));
    }

    @Override
    public void onPresence(InboundPresence presence) {
      called("onPresence:" + presence.from(), () -> factory.presences.add(presence));
    }

    @Override
    public void afterDelivery() {
      calls.add("afterDelivery");
    }

    @Override
    public void release() {
      called("release", factory.released::countDown);
    }
  }

  /** Creates a fresh recording endpoint per call; counts releases down on a latch. */
  private static final class FakeFactory implements MessageEndpointFactory {
    final List<FakeEndpoint> endpoints = Collections.synchronizedList(new ArrayList<>());
    final List<Method> beforeDeliveryMethods = Collections.synchronizedList(new ArrayList<>());
    final List<InboundPresence> presences = Collections.synchronizedList(new ArrayList<>());
    final List<InboundMessage> refused = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch released;
    final Consumer<InboundMessage> onMessage;
    private final AtomicInteger created = new AtomicInteger();

    FakeFactory(int expectedDeliveries, Consumer<InboundMessage> onMessage) {
      this.released = new CountDownLatch(expectedDeliveries);
      this.onMessage = onMessage;
    }

    FakeFactory(int expectedDeliveries) {
      this(expectedDeliveries, m -> {});
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) {
      FakeEndpoint endpoint = new FakeEndpoint(created.incrementAndGet(), this);
      endpoints.add(endpoint);
      return endpoint;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
      return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
      return false;
    }

    @Override
    public String getActivationName() {
      return "fake";
    }

    @Override
    public Class<?> getEndpointClass() {
      return FakeEndpoint.class;
    }

    List<String> messageIdsDelivered() {
      synchronized (endpoints) {
        return endpoints.stream()
            .flatMap(e -> List.copyOf(e.calls).stream())
            .filter(c -> c.startsWith("onMessage:") || c.startsWith("onMessages:"))
            .flatMap(c -> List.of(c.substring(c.indexOf(':') + 1).split(",")).stream())
            .collect(Collectors.toList());
      }
    }

    List<String> refusedIds() {
      return List.copyOf(refused).stream().map(InboundMessage::stanzaId).toList();
    }

    /** What each endpoint was handed, in creation order: "m1" or a batch "m2,m3". */
    List<String> deliveries() {
      synchronized (endpoints) {
        return endpoints.stream()
            .flatMap(e -> List.copyOf(e.calls).stream())
            .filter(
                c ->
                    c.startsWith("onMessage:")
                        || c.startsWith("onMessages:")
                        || c.startsWith("onPresence:"))
            .map(c -> c.startsWith("onPresence:") ? "presence" : c.substring(c.indexOf(':') + 1))
            .collect(Collectors.toList());
      }
    }
  }

  /** Runs scheduled Work on an executor; counts what was scheduled. */
  private static class FakeWorkManager implements WorkManager {
    final AtomicInteger scheduled = new AtomicInteger();
    private final ExecutorService executor;

    FakeWorkManager(ExecutorService executor) {
      this.executor = executor;
    }

    @Override
    public void scheduleWork(Work work) {
      scheduled.incrementAndGet();
      executor.execute(work);
    }

    @Override
    public void scheduleWork(
        Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
      scheduleWork(work);
    }

    @Override
    public void doWork(Work work) {
      work.run();
    }

    @Override
    public void doWork(
        Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
      doWork(work);
    }

    @Override
    public long startWork(Work work) {
      scheduleWork(work);
      return WorkManager.UNKNOWN;
    }

    @Override
    public long startWork(
        Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
      return startWork(work);
    }
  }

  // --- lifecycle -----------------------------------------------------------------------------

  @Test
  void eachDeliveryCreatesAnEndpointAndCallsItsLifecycleInOrder() throws Exception {
    FakeFactory factory = new FakeFactory(2);
    EndpointActivation activation = activate(factory);

    deliverChats(activation, "alice@example.com/web", "m1", "m2");
    await(factory.released);

    assertEquals(2, factory.endpoints.size(), "one endpoint per delivery");
    for (FakeEndpoint endpoint : factory.endpoints) {
      String id = endpoint.number == 1 ? "m1" : "m2";
      assertEquals(lifecycleOf("onMessage", id), endpoint.calls);
    }
    assertEquals(List.of(ON_MESSAGE, ON_MESSAGE), factory.beforeDeliveryMethods);
  }

  @Test
  void afterDeliveryAndReleaseHappenWhenOnMessageThrows() throws Exception {
    FakeFactory factory =
        new FakeFactory(
            1,
            m -> {
              throw new IllegalStateException("the bean failed");
            });
    EndpointActivation activation = activate(factory);

    activation.deliver(message("alice@example.com/web", "chat", "m1"));
    await(factory.released);

    assertEquals(1, factory.endpoints.size());
    assertEquals(lifecycleOf("onMessage", "m1"), factory.endpoints.get(0).calls);
  }

  @Test
  void aFailedDeliveryDoesNotStrandTheSendersLaterMessages() throws Exception {
    FakeFactory factory =
        new FakeFactory(
            3,
            m -> {
              if (m.stanzaId().equals("m1")) {
                throw new IllegalStateException("the bean failed");
              }
            });
    EndpointActivation activation = activate(factory);

    deliverChats(activation, "alice@example.com/web", "m1", "m2", "m3");
    await(factory.released);

    assertEquals(List.of("m1", "m2", "m3"), factory.messageIdsDelivered());
  }

  @Test
  void presenceIsDeliveredToOnPresenceWithTheDefaultSpec() throws Exception {
    FakeFactory factory = new FakeFactory(1);
    EndpointActivation activation = activate(factory);

    activation.deliver(presence("alice@example.com/web"));
    await(factory.released);

    assertEquals(List.of(ON_PRESENCE), factory.beforeDeliveryMethods);
    assertEquals(
        lifecycleOf("onPresence", "alice@example.com/web"), factory.endpoints.get(0).calls);
  }

  // --- ordering ------------------------------------------------------------------------------

  @Test
  void oneSendersMessagesArriveInOrderWhileOtherSendersInterleave() throws Exception {
    int perSender = 200;
    List<String> senders = List.of("alice@example.com", "bob@example.com", "carol@example.com");
    Map<String, List<Integer>> received = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    for (String sender : senders) {
      received.put(sender, Collections.synchronizedList(new ArrayList<>()));
      inFlight.put(sender, new AtomicInteger());
      maxInFlight.put(sender, new AtomicInteger());
    }
    FakeFactory factory =
        new FakeFactory(
            perSender * senders.size(),
            m -> {
              String sender = m.from().bare();
              int now = inFlight.get(sender).incrementAndGet();
              maxInFlight.get(sender).accumulateAndGet(now, Math::max);
              received
                  .get(sender)
                  .add(Integer.parseInt(m.stanzaId().substring(m.stanzaId().indexOf(':') + 1)));
              Thread.yield();
              inFlight.get(sender).decrementAndGet();
            });
    EndpointActivation activation = activate(factory, s -> s.setOrderedPerSender(Boolean.TRUE));

    for (int i = 0; i < perSender; i++) {
      for (String sender : senders) {
        // different resources of one account are one sender
        activation.deliver(message(sender + "/r" + (i % 3), "chat", sender + ":" + i));
      }
    }
    await(factory.released);

    List<Integer> expected = IntStream.range(0, perSender).boxed().collect(Collectors.toList());
    for (String sender : senders) {
      assertEquals(expected, received.get(sender), "order of " + sender);
      assertEquals(1, maxInFlight.get(sender).get(), "one at a time for " + sender);
    }
  }

  @Test
  void unorderedSpecStillDeliversEveryMessage() throws Exception {
    int count = 100;
    FakeFactory factory = new FakeFactory(count);
    EndpointActivation activation = activate(factory, s -> s.setOrderedPerSender(Boolean.FALSE));

    deliverChats(activation, "alice@example.com/web", numbered(count));
    await(factory.released);

    assertEquals(count, factory.endpoints.size());
    assertEquals(count, workManager.scheduled.get(), "one Work per message when unordered");
  }

  // --- batches -------------------------------------------------------------------------------

  /** Holds the first delivery until the rest are queued, so they queue behind it. */
  private static Consumer<InboundMessage> holdingFirst(CountDownLatch queued) {
    return m -> {
      if (m.stanzaId().equals("m0")) {
        try {
          queued.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  @Test
  void messagesQueuedBehindARunningDeliveryComeAsBatchesOfAtMostMaxBatch() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    // m0 alone, then m1..m7 in batches of 3, 3 and 1
    FakeFactory factory = new FakeFactory(4, holdingFirst(queued));
    EndpointActivation activation = activate(factory, s -> s.setMaxBatch(3));

    for (int i = 0; i < 8; i++) {
      activation.deliver(message("alice@example.com/r" + (i % 2), "chat", "m" + i));
    }
    releaseFirstAndAwait(queued, factory);

    assertEquals(List.of("m0", "m1,m2,m3", "m4,m5,m6", "m7"), factory.deliveries());
    assertEquals(
        List.of(ON_MESSAGE, ON_MESSAGES, ON_MESSAGES, ON_MESSAGE), factory.beforeDeliveryMethods);
    assertEquals(lifecycleOf("onMessages", "m1,m2,m3"), factory.endpoints.get(1).calls);
  }

  @Test
  void aPresenceBetweenQueuedMessagesEndsTheBatchSoOrderAcrossKindsIsKept() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    FakeFactory factory = new FakeFactory(4, holdingFirst(queued));
    EndpointActivation activation = activate(factory, s -> s.setMaxBatch(50));

    deliverChats(activation, "alice@example.com/web", "m0", "m1", "m2");
    activation.deliver(presence("alice@example.com/web"));
    activation.deliver(message("alice@example.com/web", "chat", "m3"));
    releaseFirstAndAwait(queued, factory);

    assertEquals(List.of("m0", "m1,m2", "presence", "m3"), factory.deliveries());
  }

  @Test
  void withLanesOneBatchCarriesSeveralSendersEachInItsOrder() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    Consumer<InboundMessage> hold = holdingFirst(queued);
    FakeFactory factory =
        new FakeFactory(
            2,
            m -> {
              hold.accept(m);
              order.add(m.stanzaId());
            });
    EndpointActivation activation = activate(factory, s -> s.setMaxBatch(50), s -> s.setLanes(1));

    activation.deliver(message("alice@example.com/web", "chat", "m0"));
    activation.deliver(message("bob@example.com/web", "chat", "b1"));
    activation.deliver(message("alice@example.com/phone", "chat", "a1"));
    activation.deliver(message("bob@example.com/web", "chat", "b2"));
    releaseFirstAndAwait(queued, factory);

    assertEquals(List.of("m0", "b1,a1,b2"), factory.deliveries());
    assertEquals(List.of("m0", "b1", "a1", "b2"), order);
  }

  @Test
  void lanesSpreadSendersOverAFixedNumberOfQueues() {
    XmppActivationSpec spec = spec();
    assertEquals(
        "alice@example.com", spec.queueOf("alice@example.com"), "no lanes: a queue per sender");
    spec.setLanes(4);
    java.util.Set<String> queues = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      String queue = spec.queueOf("user" + i + "@example.com");
      assertEquals(
          queue, spec.queueOf("user" + i + "@example.com"), "a sender always has the same lane");
      queues.add(queue);
    }
    assertEquals(java.util.Set.of("lane-0", "lane-1", "lane-2", "lane-3"), queues);
  }

  @Test
  void withTheDefaultMaxBatchEveryMessageIsDeliveredAlone() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    FakeFactory factory = new FakeFactory(4, holdingFirst(queued));
    EndpointActivation activation = activate(factory);

    deliverChats(activation, "alice@example.com/web", numbered(4));
    releaseFirstAndAwait(queued, factory);

    assertEquals(List.of("m0", "m1", "m2", "m3"), factory.deliveries());
  }

  // --- group commit: the linger --------------------------------------------------------------

  /** A scheduler with a queue per sender, no bounds, and this linger. */
  private SenderOrderedScheduler lingering(int maxBatch, long lingerNanos) {
    return new SenderOrderedScheduler(
        workManager, maxBatch, Integer.MAX_VALUE, Integer.MAX_VALUE, lingerNanos);
  }

  /** Schedules one sender's chat messages on its own queue. */
  private static void scheduleChats(
      SenderOrderedScheduler scheduler, FakeFactory factory, String sender, String... ids)
      throws Exception {
    for (String id : ids) {
      scheduler.schedule(sender, sender, InboundDelivery.of(factory, message(sender, "chat", id)));
    }
  }

  /** Waits until the factory was handed this delivery ("a0,a1" or "presence"). */
  private static void awaitDelivery(FakeFactory factory, String delivery)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!factory.deliveries().contains(delivery) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(factory.deliveries().contains(delivery), "delivered: " + factory.deliveries());
  }

  @Test
  void whileAnotherQueueIsBusyALoneMessageLingersAndLeavesAsSoonAsItsBatchIsFull()
      throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    FakeFactory factory = new FakeFactory(2, holdingFirst(queued));
    // a linger far longer than the test waits: only a full batch can make it leave in time
    SenderOrderedScheduler scheduler = lingering(3, TimeUnit.SECONDS.toNanos(60));

    scheduleChats(scheduler, factory, "bob@example.com", "m0"); // busy until released
    awaitDelivery(factory, "m0"); // running (alone, it did not linger)
    scheduleChats(scheduler, factory, "alice@example.com", "a0", "a1", "a2");
    awaitDelivery(factory, "a0,a1,a2");
    releaseFirstAndAwait(queued, factory);

    assertEquals(List.of("m0", "a0,a1,a2"), factory.deliveries());
  }

  @Test
  void aLingeringMessageLeavesAtTheDeadlineWithWhatQueuedMeanwhile() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    FakeFactory factory = new FakeFactory(2, holdingFirst(queued));
    EndpointActivation activation =
        activate(factory, s -> s.setMaxBatch(50), s -> s.setBatchLingerMillis(1000));

    activation.deliver(message("bob@example.com/web", "chat", "m0")); // busy until released
    awaitDelivery(factory, "m0"); // running (alone, it did not linger)
    deliverChats(activation, "alice@example.com/web", "a0", "a1");
    awaitDelivery(factory, "a0,a1"); // a batch of 2 of 50: only the deadline ends the linger
    releaseFirstAndAwait(queued, factory);

    assertEquals(List.of("m0", "a0,a1"), factory.deliveries());
  }

  @Test
  void aMessageArrivingWithinALingerOfThePreviousOneLingersEvenOnTheOnlyQueue() throws Exception {
    FakeFactory factory = new FakeFactory(2);
    SenderOrderedScheduler scheduler = lingering(3, TimeUnit.SECONDS.toNanos(60));

    scheduleChats(scheduler, factory, "alice@example.com", "a0");
    awaitDelivery(factory, "a0"); // the first of a quiet service: at once, alone
    scheduleChats(scheduler, factory, "alice@example.com", "a1", "a2", "a3");
    await(factory.released);

    // a1 came within the linger of a0: it waited for a2 and a3 instead of going alone
    assertEquals(List.of("a0", "a1,a2,a3"), factory.deliveries());
  }

  @Test
  void anIdleServiceNeverLingers() throws Exception {
    FakeFactory factory = new FakeFactory(1);
    SenderOrderedScheduler scheduler = lingering(50, TimeUnit.SECONDS.toNanos(60));

    scheduleChats(scheduler, factory, "alice@example.com", "a0");
    await(factory.released); // within the test's wait, not the linger's minute

    assertEquals(List.of("a0"), factory.deliveries());
  }

  @Test
  void aPresenceQueuedBehindALingeringMessageEndsTheLingerAndKeepsItsPlace() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    FakeFactory factory = new FakeFactory(3, holdingFirst(queued));
    SenderOrderedScheduler scheduler = lingering(50, TimeUnit.SECONDS.toNanos(60));

    scheduleChats(scheduler, factory, "bob@example.com", "m0"); // busy until released
    awaitDelivery(factory, "m0"); // running (alone, it did not linger)
    scheduleChats(scheduler, factory, "alice@example.com", "a0");
    scheduler.schedule(
        "alice@example.com",
        "alice@example.com",
        InboundDelivery.of(factory, presence("alice@example.com/web")));
    awaitDelivery(factory, "presence");
    releaseFirstAndAwait(queued, factory);

    assertEquals(List.of("m0", "a0", "presence"), factory.deliveries());
  }

  @Test
  void theLingerIsValidatedAndNeedsBatches() {
    XmppActivationSpec spec = spec();
    spec.setBatchLingerMillis(5);
    assertEquals(0, spec.batchLingerNanos(), "maxBatch 1: nothing to linger for");
    spec.setMaxBatch(64);
    assertEquals(TimeUnit.MILLISECONDS.toNanos(5), spec.batchLingerNanos());

    spec.setBatchLingerMillis(1001);
    jakarta.resource.spi.InvalidPropertyException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            jakarta.resource.spi.InvalidPropertyException.class, spec::validate);
    assertTrue(e.getMessage().contains("batchLingerMillis '1001'"), e.getMessage());
  }

  // --- filtering -----------------------------------------------------------------------------

  @Test
  void messageOfATypeTheSpecDoesNotDeliverIsNotDelivered() throws Exception {
    FakeFactory factory = new FakeFactory(1);
    EndpointActivation activation = activate(factory);

    activation.deliver(message("alice@example.com/web", "error", "dropped"));
    assertEquals(0, workManager.scheduled.get(), "nothing scheduled for an error message");

    // a later deliverable message from the same sender is queued behind anything scheduled before
    activation.deliver(message("alice@example.com/web", "chat", "kept"));
    await(factory.released);

    assertEquals(List.of("kept"), factory.messageIdsDelivered());
    assertEquals(1, factory.endpoints.size());
  }

  @Test
  void presenceIsNotDeliveredWhenOnlyMessagesAreConfigured() throws Exception {
    FakeFactory factory = new FakeFactory(1);
    EndpointActivation activation = activate(factory, s -> s.setStanzaKinds("message"));

    activation.deliver(presence("alice@example.com/web"));
    assertEquals(0, workManager.scheduled.get(), "nothing scheduled for a presence");

    activation.deliver(message("alice@example.com/web", "chat", "kept"));
    await(factory.released);

    assertEquals(List.of(), factory.presences);
    assertEquals(List.of(ON_MESSAGE), factory.beforeDeliveryMethods);
    assertEquals(List.of("kept"), factory.messageIdsDelivered());
  }

  // --- bounds --------------------------------------------------------------------------------

  /** Waits until the activation has nothing waiting (queued or to be answered as refused). */
  private static void awaitIdle(EndpointActivation activation) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (activation.waiting() > 0) {
      assertTrue(System.nanoTime() < deadline, activation.waiting() + " still waiting");
      Thread.sleep(5);
    }
  }

  /**
   * Waits until this many messages were delivered and this many refused (the refusals may be
   * answered in one batch or two); the assertions after it say what is missing.
   */
  private static void awaitDeliveredAndRefused(FakeFactory factory, int delivered, int refused)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while ((factory.messageIdsDelivered().size() < delivered || factory.refused.size() < refused)
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void aSenderPastItsBoundIsRefusedBeforeQueueingWhileOthersInItsLaneAreQueued() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    FakeFactory factory = new FakeFactory(0, holdingFirst(queued));
    EndpointActivation activation =
        activate(factory, s -> s.setLanes(1), s -> s.setMaxQueuedPerSender(3));

    deliverChats(activation, "alice@example.com/web", numbered(6));
    activation.deliver(message("bob@example.com/web", "chat", "b1"));
    queued.countDown();
    awaitIdle(activation);
    // once its waiting messages were taken, the sender is queued again
    activation.deliver(message("alice@example.com/web", "chat", "m6"));
    awaitDeliveredAndRefused(factory, 6, 2);

    assertEquals(List.of("m0", "m1", "m2", "m3", "b1", "m6"), factory.messageIdsDelivered());
    assertEquals(List.of("m4", "m5"), factory.refusedIds());
    assertTrue(factory.beforeDeliveryMethods.contains(InboundDelivery.ON_REFUSED));
  }

  @Test
  void theTotalBoundRefusesEverySenderOnceAllWaitingSlotsAreTaken() throws Exception {
    CountDownLatch queued = new CountDownLatch(1);
    FakeFactory factory = new FakeFactory(4, holdingFirst(queued));
    EndpointActivation activation = activate(factory, s -> s.setLanes(1), s -> s.setMaxQueued(2));

    activation.deliver(message("alice@example.com/web", "chat", "m0")); // runs, not waiting
    activation.deliver(message("bob@example.com/web", "chat", "b1"));
    activation.deliver(message("carol@example.com/web", "chat", "c1"));
    activation.deliver(message("dave@example.com/web", "chat", "d1"));
    activation.deliver(message("erin@example.com/web", "chat", "e1"));
    queued.countDown();
    awaitDeliveredAndRefused(factory, 3, 2);

    assertEquals(List.of("m0", "b1", "c1"), factory.messageIdsDelivered());
    assertEquals(List.of("d1", "e1"), factory.refusedIds());
  }

  @Test
  void countsAreGivenBackAsDeliveriesRunSoASteadySenderIsNeverRefused() throws Exception {
    int count = 500;
    FakeFactory factory = new FakeFactory(count);
    EndpointActivation activation =
        activate(factory, s -> s.setMaxBatch(10), s -> s.setMaxQueuedPerSender(5));

    for (int i = 0; i < count; i++) {
      activation.deliver(message("alice@example.com/web", "chat", "m" + i));
      awaitIdle(activation); // a sender whose stanzas are taken as fast as it sends
    }
    await(factory.released);

    assertEquals(count, factory.messageIdsDelivered().size());
    assertEquals(List.of(), factory.refused);
  }

  @Test
  void refusalsWaitingForTheirAnswerAreBoundedToo() {
    // a WorkManager that never runs anything: refusals can only pile up
    WorkManager stuck =
        new FakeWorkManager(Executors.newSingleThreadExecutor()) {
          @Override
          public void scheduleWork(Work work) {
            scheduled.incrementAndGet();
          }
        };
    Refusals refusals = new Refusals(stuck, new FakeFactory(0), 10);
    for (int i = 0; i < 50; i++) {
      refusals.add(message("alice@example.com/web", "chat", "m" + i));
    }
    assertEquals(10, refusals.waiting());
  }

  @Test
  void theBoundsAreValidated() {
    XmppActivationSpec spec = spec();
    spec.setMaxQueuedPerSender(0);
    spec.setMaxQueued(null);
    jakarta.resource.spi.InvalidPropertyException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            jakarta.resource.spi.InvalidPropertyException.class, spec::validate);
    assertTrue(
        e.getMessage().contains("maxQueuedPerSender") && e.getMessage().contains("maxQueued '"),
        e.getMessage());
  }
}
