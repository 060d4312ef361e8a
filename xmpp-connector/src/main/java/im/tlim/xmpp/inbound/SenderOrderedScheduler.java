package im.tlim.xmpp.inbound;

import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Schedules deliveries on the WorkManager so that those of one key (a sender, or a lane of
 * senders) run one at a time in arrival order, while different keys run in parallel. A key holds
 * no thread while idle.
 *
 * <p>Messages that queue up behind a running delivery of the same key are taken together, up to
 * {@code maxBatch}, as one batch delivery: the busier a key, the fewer transactions its messages
 * cost, and a message that finds its key idle starts at once.
 */
final class SenderOrderedScheduler {

  private static final System.Logger LOG =
      System.getLogger(SenderOrderedScheduler.class.getName());

  private final WorkManager workManager;
  private final int maxBatch;
  private final Map<String, ArrayDeque<InboundDelivery>> queues = new HashMap<>(); // guarded by this

  SenderOrderedScheduler(WorkManager workManager, int maxBatch) {
    this.workManager = workManager;
    this.maxBatch = maxBatch;
  }

  void schedule(String key, InboundDelivery delivery) throws WorkException {
    synchronized (this) {
      ArrayDeque<InboundDelivery> queue = queues.get(key);
      if (queue != null) {
        queue.addLast(delivery);
        return;
      }
      queues.put(key, new ArrayDeque<>());
    }
    try {
      workManager.scheduleWork(new Drain(key, delivery));
    } catch (WorkException | RuntimeException e) {
      int dropped;
      synchronized (this) {
        ArrayDeque<InboundDelivery> queued = queues.remove(key);
        dropped = queued == null ? 0 : queued.size();
      }
      if (dropped > 0) {
        // only if another thread queued meanwhile; those senders get no answer and resend
        LOG.log(System.Logger.Level.WARNING, "dropped {0} more deliveries for {1}", dropped, key);
      }
      throw e;
    }
  }

  /** Number of keys with work queued or running; for tests and diagnostics. */
  synchronized int activeKeys() {
    return queues.size();
  }

  /** The key's next delivery: a batch of the messages at its head, or one stanza; null ends. */
  private InboundDelivery next(String key) {
    List<InboundDelivery> batch;
    synchronized (this) {
      ArrayDeque<InboundDelivery> queue = queues.get(key);
      InboundDelivery next = queue == null ? null : queue.pollFirst();
      if (next == null) {
        queues.remove(key);
        return null;
      }
      if (maxBatch <= 1 || !next.isSingleMessage() || queue.isEmpty() || !queue.peekFirst().isSingleMessage()) {
        return next;
      }
      batch = new ArrayList<>();
      batch.add(next);
      // a presence between messages ends the batch, so the order across kinds is kept
      while (batch.size() < maxBatch && !queue.isEmpty() && queue.peekFirst().isSingleMessage()) {
        batch.add(queue.pollFirst());
      }
    }
    return InboundDelivery.batchOf(batch);
  }

  private final class Drain implements jakarta.resource.spi.work.Work {
    private final String key;
    private final InboundDelivery first;

    Drain(String key, InboundDelivery first) {
      this.key = key;
      this.first = first;
    }

    @Override
    public void run() {
      InboundDelivery delivery = first;
      while (delivery != null) {
        try {
          delivery.run();
        } catch (RuntimeException | Error e) {
          // one failed delivery must not strand the queue: with lanes it serves many senders
          LOG.log(System.Logger.Level.WARNING, "delivery for {0} failed: {1}", key, e.toString());
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
