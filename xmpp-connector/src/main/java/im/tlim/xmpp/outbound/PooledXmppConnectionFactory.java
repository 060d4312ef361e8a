package im.tlim.xmpp.outbound;

import im.tlim.xmpp.api.XmppConnection;
import im.tlim.xmpp.api.XmppConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;

/**
 * The {@link XmppConnectionFactory} the server binds in JNDI ({@code java:/eis/tlim/xmpp}). Every
 * {@link #getConnection()} goes through the server's connection manager, so the handles come from
 * its pool of {@link XmppManagedConnection}s; it throws, never returns null.
 */
public final class PooledXmppConnectionFactory implements XmppConnectionFactory {

  private static final long serialVersionUID = 1L;

  private final transient XmppManagedConnectionFactory managedFactory;
  private final transient ConnectionManager connectionManager;
  private Reference reference;

  PooledXmppConnectionFactory(
      XmppManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
    this.managedFactory = managedFactory;
    this.connectionManager = connectionManager;
  }

  @Override
  public XmppConnection getConnection() throws ResourceException {
    Object connection = connectionManager.allocateConnection(managedFactory, null);
    if (!(connection instanceof XmppConnection xmpp)) {
      throw new ResourceException("the connection manager returned " + connection);
    }
    return xmpp;
  }

  @Override
  public void setReference(Reference reference) {
    this.reference = reference;
  }

  @Override
  public Reference getReference() {
    return reference;
  }
}
