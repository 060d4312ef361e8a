package im.tlim.it;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The receiving user's device in a fault test: subscribed to the service (so the service learns its
 * presence again by probing after a restart), counting every copy it receives by msg_id, and
 * logging in again when its connection drops. It sends no delivered receipts, so every message also
 * stays in its offline store.
 */
final class Recipient implements AutoCloseable {

  final String user;
  private final Map<String, Integer> received = new ConcurrentHashMap<>();
  private final Map<String, Long> firstReceivedAt = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread loop;
  private volatile XmppClient client;
  private volatile int reconnects;

  private Recipient(String user) {
    this.user = user;
    this.loop = new Thread(this::run, "recipient-" + user);
    this.loop.setDaemon(true);
  }

  static Recipient online(String user) throws Exception {
    Recipient recipient = new Recipient(user);
    recipient.client = XmppClient.online(user, "mobile").subscribe();
    recipient.loop.start();
    return recipient;
  }

  private void run() {
    while (running.get()) {
      try {
        XmppClient current = client;
        if (!current.isConnected()) {
          current.close();
          try {
            client = XmppClient.online(user, "mobile");
            reconnects++;
          } catch (Exception | AssertionError notYet) {
            Thread.sleep(500);
          }
          continue;
        }
        long now = System.nanoTime();
        for (XmppClient.Received r : current.drain()) {
          if (r.type().equals("MTT-000")) {
            String id = r.envelope().path("msg_id").asText();
            received.merge(id, 1, Integer::sum);
            firstReceivedAt.putIfAbsent(id, now);
          } else if (r.type().equals("MTB-000")) {
            received.merge(approvalKey(r.bodyText("taskId")), 1, Integer::sum);
          }
        }
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // a connection dropping under us: the next round logs in again
      }
    }
  }

  /** What {@link #await} waits for to see an approval notice (MTB-000) with this task id. */
  static String approvalKey(String taskId) {
    return "approval:" + taskId;
  }

  /** Waits until a copy of {@code msgId} (or an {@link #approvalKey}) has arrived. */
  void await(String msgId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!received.containsKey(msgId)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(user + " received no copy of " + msgId + " within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  /** Copies received, by msg_id. */
  Map<String, Integer> received() {
    return Map.copyOf(received);
  }

  /** The first time (System.nanoTime) after {@code since} that a copy arrived. */
  long firstCopyAfter(long since) {
    return firstReceivedAt.values().stream()
        .mapToLong(t -> t)
        .filter(t -> t > since)
        .min()
        .orElse(Long.MAX_VALUE);
  }

  int reconnects() {
    return reconnects;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    loop.join(5000);
    client.close();
  }
}
