package im.tlim.xmpp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writers sharing one flush: none returns before its stanza is flushed, none when the flush fails.
 */
class ComponentStreamTest {

  private static final ComponentSettings SETTINGS = LocalComponent.SETTINGS;

  /** Appends into a buffer; the first append waits to be released; flush fails or succeeds. */
  private static final class GatedWriter extends Writer {
    final StringWriter flushedText = new StringWriter();
    final StringBuilder pending = new StringBuilder();
    final CountDownLatch firstAppendMayGo = new CountDownLatch(1);
    final boolean flushFails;
    int appends;
    int flushes;

    GatedWriter(boolean flushFails) {
      this.flushFails = flushFails;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      if (appends++ == 0) {
        try {
          firstAppendMayGo.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
      }
      pending.append(chars, offset, length);
    }

    @Override
    public void flush() throws IOException {
      flushes++;
      if (flushFails) {
        throw new IOException("connection reset");
      }
      flushedText.append(pending);
      pending.setLength(0);
    }

    @Override
    public void close() {}
  }

  @Test
  void aWriterWhoseStanzaAnotherFlushedReturnsOnceItIsFlushed() throws Exception {
    GatedWriter writer = new GatedWriter(false);
    ComponentStream stream = new ComponentStream(SETTINGS, 1, writer);
    CompletableFuture<Void> first = twoWriters(stream, writer).first;
    assertNull(first.get(10, TimeUnit.SECONDS));
    assertEquals("<a/><b/>", writer.flushedText.toString());
    assertEquals(1, writer.flushes, "one flush for both writers");
  }

  @Test
  void aFailedSharedFlushFailsEveryWriterWhoseStanzaItCarried() throws Exception {
    GatedWriter writer = new GatedWriter(true);
    ComponentStream stream = new ComponentStream(SETTINGS, 1, writer);
    Writers both = twoWriters(stream, writer);
    ExecutionException first =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> both.first.get(10, TimeUnit.SECONDS));
    assertInstanceOf(
        IOException.class, first.getCause(), "the first writer learns its stanza was not sent");
    ExecutionException second =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> both.second.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IOException.class, second.getCause());
  }

  @Test
  void aStanzaWithAnAddressThatDoesNotParseIsDroppedAndTheStreamGoesOn() throws Exception {
    String xml =
        "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' id='s1'>"
            + "<presence from='./../etc/passwd@example.com' to='tlim.example.com'><status>x</status></presence>"
            + "<message from='alice@example.com/phone' to='tlim.example.com' type='chat'><body>{}</body></message>"
            + "</stream:stream>";
    ComponentStream stream =
        new ComponentStream(SETTINGS, 1, new StringWriter(), new java.io.StringReader(xml));
    java.util.List<org.jivesoftware.smack.packet.Stanza> read = new java.util.ArrayList<>();
    org.junit.jupiter.api.Assertions.assertThrows(
        java.io.EOFException.class,
        () -> stream.readStanzas(read::add),
        "the stream ends where the XMPP server ended it, not at the bad address");
    assertEquals(1, read.size(), "the stanza after the bad one is read: " + read);
    assertEquals("alice@example.com/phone", String.valueOf(read.get(0).getFrom()));
  }

  private record Writers(CompletableFuture<Void> first, CompletableFuture<Void> second) {}

  /**
   * The first writer appends while the second is already queued for the stream, so the second
   * flushes for both.
   */
  private static Writers twoWriters(ComponentStream stream, GatedWriter writer) throws Exception {
    CompletableFuture<Void> first = CompletableFuture.runAsync(() -> write(stream, "<a/>"));
    waitFor(() -> writer.appends == 1);
    CompletableFuture<Void> second = CompletableFuture.runAsync(() -> write(stream, "<b/>"));
    waitFor(() -> stream.writersQueued() == 2);
    writer.firstAppendMayGo.countDown();
    second.exceptionally(e -> null).get(10, TimeUnit.SECONDS);
    return new Writers(first, second);
  }

  private static void write(ComponentStream stream, String xml) {
    try {
      stream.write(xml);
    } catch (IOException e) {
      throw new java.util.concurrent.CompletionException(e);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(5);
    }
  }
}
