package im.tlim.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test that deploys the application exactly as built (the EAR of this module) to the
 * managed server and drives it from outside, as a client would: over HTTP, WebSocket and XMPP. Each
 * IT of the main suite extends it, so the deployment is said once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class BlackBoxTest {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return TestEnvironment.ear();
  }
}
