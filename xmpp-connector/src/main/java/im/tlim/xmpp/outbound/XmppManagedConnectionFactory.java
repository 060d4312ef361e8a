package im.tlim.xmpp.outbound;

import im.tlim.xmpp.adapter.XmppResourceAdapter;
import im.tlim.xmpp.api.XmppConnection;
import im.tlim.xmpp.api.XmppConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Set;
import javax.security.auth.Subject;

/** Managed connection factory; managed connections are cheap views on the adapter's stream. */
@ConnectionDefinition(
    connectionFactory = XmppConnectionFactory.class,
    connectionFactoryImpl = PooledXmppConnectionFactory.class,
    connection = XmppConnection.class,
    connectionImpl = XmppConnectionHandle.class)
public class XmppManagedConnectionFactory
    implements ManagedConnectionFactory, ResourceAdapterAssociation {

  private static final long serialVersionUID = 1L;

  private transient XmppResourceAdapter resourceAdapter;
  private transient PrintWriter logWriter;

  @Override
  public Object createConnectionFactory(ConnectionManager manager) {
    return new PooledXmppConnectionFactory(this, manager);
  }

  @Override
  public Object createConnectionFactory() throws ResourceException {
    throw new jakarta.resource.NotSupportedException("only usable inside the application server");
  }

  @Override
  public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    return new XmppManagedConnection(adapter());
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ManagedConnection matchManagedConnections(
      Set connections, Subject subject, ConnectionRequestInfo info) {
    // every managed connection writes to the same stream, so any one matches
    Iterator<?> it = connections.iterator();
    while (it.hasNext()) {
      Object candidate = it.next();
      if (candidate instanceof XmppManagedConnection managed) {
        return managed;
      }
    }
    return null;
  }

  XmppResourceAdapter adapter() throws ResourceException {
    if (resourceAdapter == null) {
      throw new ResourceException("the connection factory is not associated with the adapter");
    }
    return resourceAdapter;
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
    if (!(adapter instanceof XmppResourceAdapter xmpp)) {
      throw new ResourceException("expected the tlim XMPP adapter, got " + adapter);
    }
    this.resourceAdapter = xmpp;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof XmppManagedConnectionFactory that
        && java.util.Objects.equals(resourceAdapter, that.resourceAdapter);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(resourceAdapter);
  }
}
