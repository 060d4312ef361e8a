package im.tlim.xmpp.inbound;

import im.tlim.xmpp.logging.ConnectorLogger;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Schedules deliveries on the WorkManager so that those of one key (a sender, or a lane of senders)
 * run one at a time in arrival order, while different keys run in parallel. A key holds no thread
 * while idle.
 *
 * <p>Messages that queue up behind a running delivery of the same key are taken together, up to
 * {@code maxBatch}, as one batch delivery: the busier a key, the fewer transactions its messages
 * cost, and a message that finds its key idle starts at once.
 *
 * <p>With a linger ({@code lingerNanos} &gt; 0) a message that finds its key idle while the service
 * is busy (another key is delivering, or the stanza before it arrived less than a linger ago) waits
 * up to the linger for more messages to join its batch, and leaves as soon as the batch is full or
 * a stanza of another kind queues behind it: a group commit, so that light load also forms batches.
 * An idle service never lingers: a lone message starts at once, as without one.
 *
 * <p>What waits is bounded, per sender and in total: a stanza that would pass either bound is not
 * queued ({@link #schedule} answers false), so a sender that floods cannot grow the adapter's
 * memory, and cannot make everyone else's stanzas wait behind its own for long.
 */
final class SenderOrderedScheduler {

  private static final ConnectorLogger LOG = ConnectorLogger.of(SenderOrderedScheduler.class);

  private final WorkManager workManager;
  private final int maxBatch;
  private final int maxPerSender;
  private final int maxTotal;
  private final long lingerNanos;
  private final Map<String, ArrayDeque<Queued>> queues = new HashMap<>(); // guarded by this
  private final Map<String, Integer> waitingBySender = new HashMap<>(); // guarded by this
  private int waiting; // guarded by this
  private int lingering; // guarded by this: drains waiting for their batch to fill
  private long lastArrival; // guarded by this: System.nanoTime() of the last stanza scheduled

  /** A delivery waiting in its key's queue, and whose it is. */
  private record Queued(String sender, InboundDelivery delivery) {}

  SenderOrderedScheduler(WorkManager workManager, int maxBatch) {
    this(workManager, maxBatch, Integer.MAX_VALUE, Integer.MAX_VALUE, 0);
  }

  SenderOrderedScheduler(
      WorkManager workManager, int maxBatch, int maxPerSender, int maxTotal, long lingerNanos) {
    this.workManager = workManager;
    this.maxBatch = maxBatch;
    this.maxPerSender = maxPerSender;
    this.maxTotal = maxTotal;
    this.lingerNanos = lingerNanos;
    this.lastArrival = System.nanoTime() - lingerNanos - 1; // no stanza "just before" the first
  }

  /**
   * Queues the delivery behind the key's running one, or starts it when the key is idle.
   *
   * @return false when it was not queued: the sender already has {@code maxPerSender} deliveries
   *     waiting, or all senders {@code maxTotal}
   */
  boolean schedule(String key, String sender, InboundDelivery delivery) throws WorkException {
    boolean busy;
    synchronized (this) {
      long now = System.nanoTime();
      busy = now - lastArrival < lingerNanos || !queues.isEmpty();
      lastArrival = now;
      ArrayDeque<Queued> queue = queues.get(key);
      if (queue != null) {
        int senders = waitingBySender.getOrDefault(sender, 0);
        if (senders >= maxPerSender || waiting >= maxTotal) {
          return false;
        }
        queue.addLast(new Queued(sender, delivery));
        waitingBySender.put(sender, senders + 1);
        waiting++;
        if (lingering > 0 && (!delivery.isSingleMessage() || queue.size() >= maxBatch - 1)) {
          notifyAll(); // a lingering drain's batch is full, or must leave before this stanza
        }
        return true;
      }
      queues.put(key, new ArrayDeque<>());
    }
    try {
      workManager.scheduleWork(new Drain(key, delivery, busy));
    } catch (WorkException | RuntimeException e) {
      int dropped;
      synchronized (this) {
        ArrayDeque<Queued> queued = queues.remove(key);
        dropped = queued == null ? 0 : queued.size();
        if (queued != null) {
          queued.forEach(this::taken);
        }
      }
      if (dropped > 0) {
        // only if another thread queued meanwhile; those senders get no answer and resend
        LOG.deliveriesDropped(dropped, key);
      }
      throw e;
    }
    return true;
  }

  /** A waiting delivery left its queue. Holds the lock. */
  private void taken(Queued queued) {
    waiting--;
    waitingBySender.computeIfPresent(queued.sender(), (s, n) -> n <= 1 ? null : n - 1);
  }

  /** Number of deliveries waiting (not running); for tests and diagnostics. */
  synchronized int waiting() {
    return waiting;
  }

  /** Number of keys with work queued or running; for tests and diagnostics. */
  synchronized int activeKeys() {
    return queues.size();
  }

  /** The key's next delivery: a batch of the messages at its head, or one stanza; null ends. */
  private InboundDelivery next(String key) {
    synchronized (this) {
      ArrayDeque<Queued> queue = queues.get(key);
      Queued head = queue == null ? null : queue.pollFirst();
      if (head == null) {
        queues.remove(key);
        return null;
      }
      taken(head);
      return batchFrom(head.delivery(), queue);
    }
  }

  /**
   * The key's first delivery, after lingering for company when the service was busy as it arrived:
   * {@code first} alone, or a batch of it and the messages that queued behind it meanwhile.
   */
  private InboundDelivery lingered(String key, InboundDelivery first, boolean busy) {
    if (!busy || lingerNanos <= 0 || maxBatch <= 1 || !first.isSingleMessage()) {
      return first;
    }
    synchronized (this) {
      ArrayDeque<Queued> queue = queues.get(key);
      long deadline = System.nanoTime() + lingerNanos;
      lingering++;
      try {
        while (!batchReady(queue)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // shutting down: deliver what is here, now
      } finally {
        lingering--;
      }
      return batchFrom(first, queue);
    }
  }

  /** Whether a lingering drain should leave: its batch is full, or a non-message waits. */
  private boolean batchReady(ArrayDeque<Queued> queue) {
    return queue.size() >= maxBatch - 1
        || (!queue.isEmpty() && !queue.peekLast().delivery().isSingleMessage());
  }

  /**
   * {@code next} alone, or with the single messages queued right behind it as one batch of at most
   * {@code maxBatch}; takes those from the queue. Holds the lock.
   */
  private InboundDelivery batchFrom(InboundDelivery next, ArrayDeque<Queued> queue) {
    if (maxBatch <= 1
        || !next.isSingleMessage()
        || queue.isEmpty()
        || !queue.peekFirst().delivery().isSingleMessage()) {
      return next;
    }
    List<InboundDelivery> batch = new ArrayList<>();
    batch.add(next);
    // a presence between messages ends the batch, so the order across kinds is kept
    while (batch.size() < maxBatch
        && !queue.isEmpty()
        && queue.peekFirst().delivery().isSingleMessage()) {
      Queued more = queue.pollFirst();
      taken(more);
      batch.add(more.delivery());
    }
    return InboundDelivery.batchOf(batch);
  }

  private final class Drain implements jakarta.resource.spi.work.Work {
    private final String key;
    private final InboundDelivery first;
    private final boolean busy;

    Drain(String key, InboundDelivery first, boolean busy) {
      this.key = key;
      this.first = first;
      this.busy = busy;
    }

    @Override
    public void run() {
      InboundDelivery delivery = lingered(key, first, busy);
      while (delivery != null) {
        try {
          delivery.run();
        } catch (RuntimeException | Error e) {
          // one failed delivery must not strand the queue: with lanes it serves many senders
          LOG.orderedDeliveryFailed(key, e.toString());
        }
        delivery = next(key);
      }
    }

    @Override
    public void release() {
      // each queued delivery is short; the drain ends when its queue is empty
    }
  }
}
