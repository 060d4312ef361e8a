package im.tlim.xmpp.inbound;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Schedules Work on the WorkManager so that the Work of one key (a sender) runs one at a time in
 * arrival order, while different keys run in parallel. A key holds no thread while idle.
 */
final class SenderOrderedScheduler {

  private static final System.Logger LOG =
      System.getLogger(SenderOrderedScheduler.class.getName());

  private final WorkManager workManager;
  private final Map<String, ArrayDeque<Work>> queues = new HashMap<>(); // guarded by this

  SenderOrderedScheduler(WorkManager workManager) {
    this.workManager = workManager;
  }

  void schedule(String key, Work work) throws WorkException {
    synchronized (this) {
      ArrayDeque<Work> queue = queues.get(key);
      if (queue != null) {
        queue.addLast(work);
        return;
      }
      queues.put(key, new ArrayDeque<>());
    }
    try {
      workManager.scheduleWork(new Drain(key, work));
    } catch (WorkException | RuntimeException e) {
      synchronized (this) {
        queues.remove(key);
      }
      throw e;
    }
  }

  /** Number of keys with work queued or running; for tests and diagnostics. */
  synchronized int activeKeys() {
    return queues.size();
  }

  private Work next(String key) {
    synchronized (this) {
      ArrayDeque<Work> queue = queues.get(key);
      Work next = queue == null ? null : queue.pollFirst();
      if (next == null) {
        queues.remove(key);
      }
      return next;
    }
  }

  private final class Drain implements Work {
    private final String key;
    private final Work first;

    Drain(String key, Work first) {
      this.key = key;
      this.first = first;
    }

    @Override
    public void run() {
      Work work = first;
      while (work != null) {
        try {
          work.run();
        } catch (RuntimeException e) {
          // one failed delivery must not strand the sender's queue
          LOG.log(System.Logger.Level.WARNING, "delivery for {0} failed: {1}", key, e.toString());
        }
        work = next(key);
      }
    }

    @Override
    public void release() {
      // each queued delivery is short; the drain ends when its queue is empty
    }
  }
}
