package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.junit.jupiter.api.Test;

/**
 * Copies of one session reach every device in the session's order (its history's seq order), also
 * when several members send at once: their envelopes are accepted by concurrent transactions, whose
 * database commits (which fix the order) and broker commits (which queue the copies) may interleave
 * differently. And a recalled message's text does not leave the server after the recall, even while
 * its copies still wait in the queue.
 */
class SessionOrderIT extends BlackBoxTest {

  private static final int SENDERS = 8;

  /**
   * Each sender's share of a round: all rounds and markers stay below the rate limiter's burst
   * (50).
   */
  private static final int PER_SENDER = 15;

  private static final int ROUNDS = 3;

  @ArquillianResource private ManagementClient management;

  @Test
  void concurrentSendersCopiesArriveInHistoryOrder() throws Exception {
    String suffix = Envelopes.newId().substring(0, 8);
    List<XmppClient> senders = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try (XmppClient reader = XmppClient.onlineAs("order-r-" + suffix, "mobile");
        XmppClient readerWeb = XmppClient.online("order-r-" + suffix, "web")) {
      List<String> subscribers = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        XmppClient sender = XmppClient.onlineAs("order-s" + s + "-" + suffix, "mobile");
        senders.add(sender);
        subscribers.add(sender.user);
      }
      subscribers.add(reader.user);
      String sessionId = Groups.byCreator(senders.get(0).user, subscribers);

      for (int round = 0; round < ROUNDS; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> sent = new ArrayList<>();
        for (XmppClient sender : senders) {
          int r = round;
          sent.add(
              pool.submit(
                  () -> {
                    List<String> ids = new ArrayList<>();
                    start.await();
                    for (int i = 0; i < PER_SENDER; i++) {
                      String id = Envelopes.newId();
                      ids.add(id);
                      sender.send(
                          GroupMessageIT.groupText(sender.user, sessionId, id, "r" + r + " m" + i),
                          "mobile");
                    }
                    for (String id : ids) {
                      assertEquals("ok", sender.awaitAnswer(id).path("result").asText(), id);
                    }
                    return ids;
                  }));
        }
        start.countDown();
        Set<String> all = new HashSet<>();
        for (Future<List<String>> each : sent) {
          all.addAll(each.get());
        }
        List<String> historyOrder = historyOrder(sessionId, all);
        assertEquals(all.size(), historyOrder.size(), "every accepted message is stored");
        for (XmppClient device : List.of(reader, readerWeb)) {
          List<String> arrived = new ArrayList<>();
          while (arrived.size() < all.size()) {
            XmppClient.Received copy =
                device.await(
                    r -> all.contains(r.envelope().path("msg_id").asText()),
                    Duration.ofSeconds(30));
            arrived.add(copy.envelope().path("msg_id").asText());
          }
          assertEquals(
              historyOrder,
              arrived,
              "round " + round + ": " + device.resource + " got the copies in seq order");
        }
        // a last marker shows no copy came twice
        String marker = Envelopes.newId();
        senders
            .get(0)
            .send(
                GroupMessageIT.groupText(senders.get(0).user, sessionId, marker, "marker"),
                "mobile");
        for (XmppClient device : List.of(reader, readerWeb)) {
          List<XmppClient.Received> before = new ArrayList<>();
          device.await(
              r -> {
                before.add(r);
                return r.envelope().path("msg_id").asText().equals(marker);
              },
              Duration.ofSeconds(30));
          long twice =
              before.stream()
                  .filter(r -> all.contains(r.envelope().path("msg_id").asText()))
                  .count();
          assertEquals(0, twice, "no copy arrived a second time before the marker");
        }
      }
    } finally {
      pool.shutdownNow();
      senders.forEach(XmppClient::close);
    }
  }

  /**
   * Copies still queued when their message is recalled do not go out: the delivery queue is paused
   * (as an operator would, through the management API) while alice sends and recalls, 1:1 and in a
   * group; once it runs again, bob, carol and alice's other device get the recall notices, and
   * before them nothing of the recalled messages.
   */
  @Test
  void copiesQueuedBeforeARecallNeverLeaveTheServer() throws Exception {
    String suffix = Envelopes.newId().substring(0, 8);
    String secret = "secret " + suffix;
    double withheldBefore = Management.counter("tlim_withheld_messages_total", Map.of());
    try (XmppClient alice = XmppClient.onlineAs("recall-a-" + suffix, "mobile");
        XmppClient aliceWeb = XmppClient.online("recall-a-" + suffix, "web");
        XmppClient bob = XmppClient.onlineAs("recall-b-" + suffix, "mobile");
        XmppClient carol = XmppClient.onlineAs("recall-c-" + suffix, "mobile")) {
      String sessionId = Groups.byCreator(alice.user, bob.user, carol.user);
      for (XmppClient member : List.of(bob, carol)) {
        member.await(r -> r.type().equals("MTS-105"), Duration.ofSeconds(20));
      }
      String direct = Envelopes.newId();
      String group = Envelopes.newId();
      String directRecall = Envelopes.newId();
      String groupRecall = Envelopes.newId();
      deliveryQueue("pause");
      try {
        alice.send(Envelopes.text(alice.user, bob.user, direct, secret), "mobile");
        assertEquals("ok", alice.awaitAnswer(direct).path("result").asText());
        alice.send(GroupMessageIT.groupText(alice.user, sessionId, group, secret), "mobile");
        assertEquals("ok", alice.awaitAnswer(group).path("result").asText());
        alice.send(
            Envelopes.envelope(
                alice.user, bob.user, directRecall, "MTT-101", "[{\"msg_id\":\"" + direct + "\"}]"),
            "mobile");
        assertEquals("ok", alice.awaitAnswer(directRecall).path("result").asText());
        alice.send(
            Envelopes.envelope(
                alice.user,
                sessionId,
                groupRecall,
                "MTS-101",
                "[{\"session_id\":\"" + sessionId + "\",\"msg_id\":\"" + group + "\"}]"),
            "mobile");
        assertEquals("ok", alice.awaitAnswer(groupRecall).path("result").asText());
      } finally {
        deliveryQueue("resume");
      }
      // a group recall is announced by the server's MTS-101, naming the recalled message
      java.util.function.Predicate<XmppClient.Received> directNotice =
          r -> r.envelope().path("msg_id").asText().equals(directRecall);
      java.util.function.Predicate<XmppClient.Received> groupNotice =
          r -> r.type().equals("MTS-101") && r.bodyText("msg_id").equals(group);
      assertNothingOfBefore(
          bob, List.of(direct, group), secret, List.of(directNotice, groupNotice));
      assertNothingOfBefore(carol, List.of(group), secret, List.of(groupNotice));
      assertNothingOfBefore(
          aliceWeb, List.of(direct, group), secret, List.of(directNotice, groupNotice));
    }
    assertTrue(
        Management.counter("tlim_withheld_messages_total", Map.of()) >= withheldBefore + 2,
        "both recalled messages' queued copies were withheld");
  }

  /**
   * A push queued before its message was recalled is not sent: the push queue is paused while alice
   * sends to an offline phone user and recalls it; once it runs again the gateway gets the push for
   * the recall notice, and none for the recalled message.
   */
  @Test
  void aPushQueuedBeforeARecallIsNotSent() throws Exception {
    String phoneUser = "recall-p-" + Envelopes.newId().substring(0, 8);
    java.util.concurrent.BlockingQueue<String> pushed =
        new java.util.concurrent.LinkedBlockingQueue<>();
    com.sun.net.httpserver.HttpServer gateway =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress("127.0.0.1", Integer.getInteger("it.push.port")), 0);
    gateway.createContext(
        "/push",
        exchange -> {
          var notice = XmppClient.JSON.readTree(exchange.getRequestBody().readAllBytes());
          if (phoneUser.equals(notice.path("userId").asText())) {
            pushed.add(notice.path("msgId").asText());
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    gateway.start();
    try (XmppClient alice = XmppClient.onlineAs("recall-pa-" + phoneUser.substring(9), "mobile")) {
      PushGateway.registerPhone(phoneUser);
      String message = Envelopes.newId();
      String recall = Envelopes.newId();
      queue("tlim.push", "pause");
      try {
        long queued = pushesQueued();
        alice.send(
            Envelopes.text(alice.user, phoneUser, message, "secret for the phone"), "mobile");
        assertEquals("ok", alice.awaitAnswer(message).path("result").asText());
        awaitPushesQueued(queued + 1);
        alice.send(
            Envelopes.envelope(
                alice.user, phoneUser, recall, "MTT-101", "[{\"msg_id\":\"" + message + "\"}]"),
            "mobile");
        assertEquals("ok", alice.awaitAnswer(recall).path("result").asText());
        awaitPushesQueued(queued + 2);
      } finally {
        queue("tlim.push", "resume");
      }
      assertEquals(
          recall,
          pushed.poll(30, java.util.concurrent.TimeUnit.SECONDS),
          "the recall notice is pushed, first");
      // another push after the marker would be a late one for the recalled message: a second marker
      // shows none came
      String marker = Envelopes.newId();
      alice.send(Envelopes.text(alice.user, phoneUser, marker, "marker"), "mobile");
      assertEquals(
          marker,
          pushed.poll(30, java.util.concurrent.TimeUnit.SECONDS),
          "nothing for the recalled message");
    } finally {
      gateway.stop(0);
    }
  }

  private long pushesQueued() throws Exception {
    return ServerModel.readAttribute(management, "message-count", ServerModel.jmsQueue("tlim.push"))
        .asLong();
  }

  private void awaitPushesQueued(long count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (pushesQueued() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("fewer than " + count + " pushes were queued");
      }
      Thread.sleep(50);
    }
  }

  /**
   * Waits for each marker in turn; nothing received before them names the recalled ones or their
   * text.
   */
  private static void assertNothingOfBefore(
      XmppClient device,
      List<String> recalled,
      String secret,
      List<java.util.function.Predicate<XmppClient.Received>> markers)
      throws Exception {
    List<XmppClient.Received> before = new ArrayList<>();
    for (var marker : markers) {
      device.await(
          r -> {
            before.add(r);
            return marker.test(r);
          },
          Duration.ofSeconds(30));
    }
    for (XmppClient.Received r : before) {
      assertFalse(
          recalled.contains(r.envelope().path("msg_id").asText()),
          device.user + "/" + device.resource + " got " + r.envelope());
      assertFalse(
          r.envelope().toString().contains(secret),
          device.user + "/" + device.resource + " got " + r.envelope());
    }
  }

  private void deliveryQueue(String operation) throws Exception {
    queue("tlim.delivery", operation);
  }

  /** Pauses or resumes one of tlim's JMS queues, as an operator would. */
  private void queue(String name, String operation) throws Exception {
    ServerModel.execute(management, ServerModel.operation(operation, ServerModel.jmsQueue(name)));
  }

  /** The session's msg_ids among {@code ids}, in seq order. */
  private static List<String> historyOrder(String sessionId, Set<String> ids) throws Exception {
    return TestEnvironment.column(
            "select msg_id from tlim_message where session_id = ? order by seq", sessionId)
        .stream()
        .filter(ids::contains)
        .toList();
  }
}
