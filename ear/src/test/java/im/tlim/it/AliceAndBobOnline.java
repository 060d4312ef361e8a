package im.tlim.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * An IT whose every test starts with alice and bob online, each on one device (Smack clients that
 * the service has seen), and ends with both logged out.
 */
abstract class AliceAndBobOnline extends BlackBoxTest {

  private final String aliceDevice;
  private final String bobDevice;

  XmppClient alice;
  XmppClient bob;

  /** The resources alice and bob log in with ("mobile", "web"…). */
  AliceAndBobOnline(String aliceDevice, String bobDevice) {
    this.aliceDevice = aliceDevice;
    this.bobDevice = bobDevice;
  }

  @BeforeEach
  void login() throws Exception {
    bob = XmppClient.online("bob", bobDevice);
    alice = XmppClient.online("alice", aliceDevice);
  }

  @AfterEach
  void logout() {
    alice.close();
    bob.close();
  }
}
