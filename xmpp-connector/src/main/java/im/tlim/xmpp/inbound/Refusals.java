package im.tlim.xmpp.inbound;

import im.tlim.xmpp.api.InboundMessage;
import im.tlim.xmpp.logging.ConnectorLogger;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages the scheduler would not queue, on their way to the bean's {@code onRefused} so their
 * senders are answered. One Work drains them in batches while any wait; at most {@code capacity}
 * wait, and a refusal past that is dropped unanswered (its sender resends), so refusing costs
 * bounded memory too.
 */
final class Refusals {

  private static final ConnectorLogger LOG = ConnectorLogger.of(Refusals.class);
  static final int BATCH = 100;

  private final WorkManager workManager;
  private final MessageEndpointFactory factory;
  private final int capacity;
  private final ArrayDeque<InboundMessage> waiting = new ArrayDeque<>(); // guarded by this
  private boolean draining; // guarded by this
  private long dropped; // guarded by this

  Refusals(WorkManager workManager, MessageEndpointFactory factory, int capacity) {
    this.workManager = workManager;
    this.factory = factory;
    this.capacity = capacity;
  }

  void add(InboundMessage message) {
    synchronized (this) {
      if (waiting.size() >= capacity) {
        if (dropped++ % 1000 == 0) {
          LOG.refusalsDropped(dropped);
        }
        return;
      }
      waiting.addLast(message);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      workManager.scheduleWork(new Drain());
    } catch (WorkException | RuntimeException e) {
      synchronized (this) {
        draining = false;
        waiting.clear();
      }
      LOG.refusalAnswersNotScheduled(e.toString());
    }
  }

  /** Number of refusals waiting to be answered; for tests. */
  synchronized int waiting() {
    return waiting.size();
  }

  private List<InboundMessage> nextBatch() {
    synchronized (this) {
      if (waiting.isEmpty()) {
        draining = false;
        return List.of();
      }
      List<InboundMessage> batch = new ArrayList<>(Math.min(BATCH, waiting.size()));
      while (batch.size() < BATCH && !waiting.isEmpty()) {
        batch.add(waiting.pollFirst());
      }
      return batch;
    }
  }

  private final class Drain implements Work {
    @Override
    public void run() {
      for (List<InboundMessage> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
        try {
          InboundDelivery.refusalOf(factory, batch).run();
        } catch (RuntimeException | Error e) {
          LOG.refusalAnswersFailed(batch.size(), e.toString());
        }
      }
    }

    @Override
    public void release() {
      // each batch is short; the drain ends when no refusal waits
    }
  }
}
