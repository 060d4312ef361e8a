package im.tlim.xmpp.outbound;

import im.tlim.xmpp.api.XmppConnection;
import jakarta.resource.ResourceException;

/** The handle the application holds; valid until closed or cleaned up by the pool. */
public final class XmppConnectionHandle implements XmppConnection {

  private volatile XmppManagedConnection managed;

  XmppConnectionHandle(XmppManagedConnection managed) {
    this.managed = managed;
  }

  void associate(XmppManagedConnection managed) {
    this.managed = managed;
  }

  void invalidate() {
    this.managed = null;
  }

  private XmppManagedConnection managed() throws ResourceException {
    XmppManagedConnection current = managed;
    if (current == null) {
      throw new ResourceException("this XMPP connection handle is closed");
    }
    return current;
  }

  @Override
  public void sendToUser(String userId, String resource, String body, String location)
      throws ResourceException {
    managed().adapter().sendToUser(userId, resource, body, location);
  }

  @Override
  public void sendPresence(String userId, String resource, boolean available)
      throws ResourceException {
    managed().adapter().sendPresence(userId, resource, available);
  }

  @Override
  public void probePresence(String userId) throws ResourceException {
    managed().adapter().probePresence(userId);
  }

  @Override
  public String userDomain() {
    XmppManagedConnection current = managed;
    return current == null ? null : current.adapter().userDomain();
  }

  @Override
  public String serviceAddress() {
    XmppManagedConnection current = managed;
    return current == null ? null : current.adapter().serviceAddress();
  }

  @Override
  public long streamGeneration() {
    XmppManagedConnection current = managed;
    return current == null ? 0 : current.adapter().streamGeneration();
  }

  @Override
  public boolean isConnected() {
    XmppManagedConnection current = managed;
    return current != null && current.adapter().isConnected();
  }

  @Override
  public void close() {
    XmppManagedConnection current = managed;
    managed = null;
    if (current != null) {
      current.closed(this);
    }
  }
}
