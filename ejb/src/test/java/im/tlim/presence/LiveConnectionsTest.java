package im.tlim.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pages get each frame once, the sending page no echo, and a page that does not read is closed. */
class LiveConnectionsTest {

  /** A socket that records what it is sent; {@code writes} says whether sends complete at once. */
  private static final class FakeSocket implements LiveConnections.Socket {
    final List<String> sent = new ArrayList<>();
    final List<Runnable> pending = new ArrayList<>();
    final boolean writes;
    int closedWith;
    String reason;

    FakeSocket(boolean writes) {
      this.writes = writes;
    }

    @Override
    public void send(String text, Runnable written) {
      sent.add(text);
      if (writes) {
        written.run();
      } else {
        pending.add(written);
      }
    }

    @Override
    public void close(int code, String why) {
      closedWith = code;
      reason = why;
    }
  }

  private static final long NEVER = Long.MAX_VALUE;

  /** A page of bob's that reads what it is sent and whose token does not expire. */
  private static FakeSocket openBobsPage(LiveConnections pages, String page) {
    FakeSocket socket = new FakeSocket(true);
    pages.open("bob", page, socket, NEVER);
    return socket;
  }

  @Test
  void eachPageGetsAFrameOnceWhateverTheRedeliveries() {
    LiveConnections pages = new LiveConnections();
    FakeSocket first = openBobsPage(pages, "live-1");
    pages.send("bob", "MTT-000/m1/bob", "one");
    // a second tab opens between the delivery and its redelivery
    FakeSocket second = openBobsPage(pages, "live-2");
    pages.send("bob", "MTT-000/m1/bob", "one");
    pages.send("bob", "MTT-000/m2/bob", "two");
    assertEquals(List.of("one", "two"), first.sent);
    assertEquals(List.of("one", "two"), second.sent, "the new tab had not had m1 yet");
  }

  @Test
  void theSendingPageGetsNoEchoItsOtherPagesDo() {
    LiveConnections pages = new LiveConnections();
    FakeSocket sender = openBobsPage(pages, "live-1");
    FakeSocket other = openBobsPage(pages, "live-2");
    pages.send("bob", "MTT-000/m1/alice", "echo", "live-1");
    assertEquals(List.of(), sender.sent);
    assertEquals(List.of("echo"), other.sent);
  }

  @Test
  void aClosedPageGetsNothing() {
    LiveConnections pages = new LiveConnections();
    FakeSocket socket = openBobsPage(pages, "live-1");
    pages.close("bob", "live-1");
    pages.send("bob", "MTT-000/m1/bob", "one");
    assertEquals(List.of(), socket.sent);
    assertFalse(pages.isConnected("bob"));
  }

  @Test
  void aPageThatDoesNotReadIsClosedAtTheBoundAndSentNothingMore() {
    LiveConnections pages = new LiveConnections(3, 1_000_000);
    FakeSocket slow = new FakeSocket(false);
    FakeSocket fast = new FakeSocket(true);
    pages.open("bob", "live-1", slow, NEVER);
    pages.open("bob", "live-2", fast, NEVER);
    for (int i = 0; i < 10; i++) {
      pages.send("bob", "MTT-000/m" + i + "/bob", "frame " + i);
    }
    assertEquals(3, slow.sent.size(), "no more than the bound was queued");
    assertEquals(LiveConnections.TOO_SLOW, slow.closedWith);
    assertEquals(10, fast.sent.size(), "a page that reads is not held up");
    assertEquals(0, fast.closedWith);
  }

  @Test
  void aPageThatKeepsUpIsNeverClosedAndTheCharacterBoundCounts() {
    LiveConnections pages = new LiveConnections(100, 10);
    FakeSocket slow = new FakeSocket(false);
    pages.open("bob", "live-1", slow, NEVER);
    pages.send("bob", "a", "12345");
    pages.send("bob", "b", "12345");
    assertEquals(0, slow.closedWith);
    slow.pending.forEach(Runnable::run); // written: the queue is empty again
    pages.send("bob", "c", "1234567890");
    assertEquals(0, slow.closedWith);
    pages.send("bob", "d", "x");
    assertEquals(LiveConnections.TOO_SLOW, slow.closedWith);
    assertFalse(pages.isConnected("bob"));
  }

  @Test
  void expiredAndRemovedPagesAreClosedWithTheirCodes() {
    LiveConnections pages = new LiveConnections();
    FakeSocket expiring = new FakeSocket(true);
    FakeSocket lasting = new FakeSocket(true);
    FakeSocket removed = new FakeSocket(true);
    pages.open("bob", "live-1", expiring, 1_000);
    pages.open("bob", "live-2", lasting, NEVER);
    pages.open("carol", "live-3", removed, NEVER);
    pages.closeExpired(1_000);
    pages.closeUser("carol");
    assertEquals(LiveConnections.TOKEN_EXPIRED, expiring.closedWith);
    assertTrue(expiring.reason.startsWith("error-027"));
    assertEquals(0, lasting.closedWith);
    assertEquals(LiveConnections.USER_REMOVED, removed.closedWith);
    assertTrue(removed.reason.startsWith("error-013"));
    assertEquals(java.util.Set.of("bob"), pages.users());
  }

  @Test
  void pageIdsAreUniqueAcrossNodesAndSetApartFromXmppResourceNames() {
    String one = LiveConnections.newPageId();
    String other = LiveConnections.newPageId();
    assertTrue(one.startsWith("live-") && one.length() > 36, one);
    assertNotEquals(one, other);
  }
}
