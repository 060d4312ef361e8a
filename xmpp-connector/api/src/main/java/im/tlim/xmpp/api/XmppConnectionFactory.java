package im.tlim.xmpp.api;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import java.io.Serializable;

/** Connection factory the application looks up to send stanzas through the component. */
public interface XmppConnectionFactory extends Serializable, Referenceable {

  /**
   * Returns a handle on the component connection; close it when done.
   *
   * @throws ResourceException when the adapter cannot provide a connection
   */
  XmppConnection getConnection() throws ResourceException;
}
