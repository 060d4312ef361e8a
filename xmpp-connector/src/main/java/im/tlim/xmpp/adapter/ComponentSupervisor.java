package im.tlim.xmpp.adapter;

import im.tlim.xmpp.logging.ConnectorLogger;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps one component stream open for the adapter's lifetime: opens it, reads it until it fails,
 * then waits (doubling from the minimum to the maximum delay) and opens a new one. Runs as a
 * long-running {@link Work} on the server's WorkManager.
 */
final class ComponentSupervisor implements Work, WorkContextProvider {

  private static final ConnectorLogger LOG = ConnectorLogger.of(ComponentSupervisor.class);

  private final ComponentSettings settings;
  private final StanzaRouter router;
  private final AtomicReference<ComponentStream> current = new AtomicReference<>();
  private long generations;
  private final Object pause = new Object();
  private volatile boolean stopped;

  ComponentSupervisor(ComponentSettings settings, StanzaRouter router) {
    this.settings = settings;
    this.router = router;
  }

  /** The open, authenticated stream, or null while (re)connecting. */
  ComponentStream stream() {
    ComponentStream stream = current.get();
    return stream != null && stream.isAuthenticated() ? stream : null;
  }

  @Override
  public void run() {
    Duration delay = settings.reconnectMinDelay();
    while (!stopped) {
      ComponentStream stream = new ComponentStream(settings, ++generations);
      current.set(stream);
      try {
        stream.open();
        LOG.componentConnected(settings);
        delay = settings.reconnectMinDelay();
        stream.readStanzas(stanza -> router.route(stanza, stream));
      } catch (IOException e) {
        if (!stopped) {
          LOG.componentDown(settings, e.getMessage(), delay.toMillis());
        }
      } finally {
        stream.close();
        current.compareAndSet(stream, null);
      }
      if (!stopped) {
        sleep(delay);
        delay = min(delay.multipliedBy(2), settings.reconnectMaxDelay());
      }
    }
  }

  /** Sends the whitespace keep-alive on the open stream; a failure closes it to reconnect. */
  void keepAlive() {
    ComponentStream stream = stream();
    if (stream == null) {
      return;
    }
    try {
      stream.keepAlive();
    } catch (IOException e) {
      stream.close();
    }
  }

  @Override
  public void release() {
    stopped = true;
    ComponentStream stream = current.get();
    if (stream != null) {
      stream.close();
    }
    synchronized (pause) {
      pause.notifyAll();
    }
  }

  @Override
  public List<WorkContext> getWorkContexts() {
    HintsContext hints = new HintsContext();
    hints.setName("tlim XMPP component stream");
    hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
    return List.of(hints);
  }

  private void sleep(Duration delay) {
    synchronized (pause) {
      try {
        pause.wait(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
