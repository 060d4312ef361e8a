package im.tlim.xmpp.outbound;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import org.junit.jupiter.api.Test;

class PooledXmppConnectionFactoryTest {

  private final XmppManagedConnectionFactory managedFactory = new XmppManagedConnectionFactory();

  @Test
  void aConnectionComesFromTheServersConnectionManagerForThisManagedFactory() throws Exception {
    XmppConnectionHandle handle = new XmppConnectionHandle(new XmppManagedConnection(null));
    ConnectionManager manager =
        (factory, info) -> {
          assertSame(managedFactory, factory, "allocated for the factory that created it");
          return handle;
        };

    assertSame(handle, new PooledXmppConnectionFactory(managedFactory, manager).getConnection());
  }

  @Test
  void anythingButAnXmppConnectionIsAnErrorNotANull() {
    ConnectionManager manager = (factory, info) -> null;

    assertThrows(
        ResourceException.class,
        () -> new PooledXmppConnectionFactory(managedFactory, manager).getConnection());
  }

  @Test
  void theConnectionManagersFailureReachesTheCaller() {
    ResourceException failure = new ResourceException("pool exhausted");
    ConnectionManager manager =
        (factory, info) -> {
          throw failure;
        };

    ResourceException thrown =
        assertThrows(
            ResourceException.class,
            () -> new PooledXmppConnectionFactory(managedFactory, manager).getConnection());
    assertSame(failure, thrown);
  }

  @Test
  void theFactoryThatCreatesItIsTheManagedConnectionFactory() {
    ConnectionManager manager = (factory, info) -> null;

    Object created = managedFactory.createConnectionFactory(manager);

    assertSame(PooledXmppConnectionFactory.class, created.getClass());
  }
}
