package im.tlim.xmpp.outbound;

import im.tlim.xmpp.adapter.XmppResourceAdapter;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/** A pooled view on the adapter's component stream; holds no socket of its own. */
final class XmppManagedConnection implements ManagedConnection {

  private final XmppResourceAdapter adapter;
  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private final Set<XmppConnectionHandle> handles = new CopyOnWriteArraySet<>();
  private PrintWriter logWriter;

  XmppManagedConnection(XmppResourceAdapter adapter) {
    this.adapter = adapter;
  }

  XmppResourceAdapter adapter() {
    return adapter;
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info) {
    XmppConnectionHandle handle = new XmppConnectionHandle(this);
    handles.add(handle);
    return handle;
  }

  void closed(XmppConnectionHandle handle) {
    handles.remove(handle);
    ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
    event.setConnectionHandle(handle);
    listeners.forEach(l -> l.connectionClosed(event));
  }

  @Override
  public void associateConnection(Object connection) throws ResourceException {
    if (!(connection instanceof XmppConnectionHandle handle)) {
      throw new ResourceException("not a tlim XMPP connection: " + connection);
    }
    handle.associate(this);
    handles.add(handle);
  }

  @Override
  public void cleanup() {
    handles.forEach(XmppConnectionHandle::invalidate);
    handles.clear();
  }

  @Override
  public void destroy() {
    cleanup();
  }

  @Override
  public void addConnectionEventListener(ConnectionEventListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeConnectionEventListener(ConnectionEventListener listener) {
    listeners.remove(listener);
  }

  @Override
  public XAResource getXAResource() throws ResourceException {
    throw new NotSupportedException("XMPP sends are not transactional");
  }

  @Override
  public LocalTransaction getLocalTransaction() throws ResourceException {
    throw new NotSupportedException("XMPP sends are not transactional");
  }

  @Override
  public ManagedConnectionMetaData getMetaData() {
    return new ManagedConnectionMetaData() {
      @Override
      public String getEISProductName() {
        return "XMPP server (XEP-0114 component)";
      }

      @Override
      public String getEISProductVersion() {
        return "XEP-0114";
      }

      @Override
      public int getMaxConnections() {
        return 0;
      }

      @Override
      public String getUserName() {
        return adapter.serviceAddress();
      }
    };
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }
}
