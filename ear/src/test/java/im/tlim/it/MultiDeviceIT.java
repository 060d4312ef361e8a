package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** A user's web and mobile devices both receive, and see what the user sent from the other. */
class MultiDeviceIT extends BlackBoxTest {

  @Test
  void everyOnlineDeviceGetsACopyAndTheSendersOtherDevicesAnEcho() throws Exception {
    try (XmppClient bobWeb = XmppClient.online("bob", "web");
        XmppClient bobMobile = XmppClient.online("bob", "android");
        XmppClient alicePhone = XmppClient.online("alice", "ios");
        XmppClient aliceWeb = XmppClient.online("alice", "web")) {
      String id = Envelopes.newId();
      alicePhone.send(Envelopes.text("alice", "bob", id, "to all of bob"), "mobile");
      assertEquals("ok", alicePhone.awaitAnswer(id).path("result").asText());

      bobWeb.awaitMsgId(id);
      bobMobile.awaitMsgId(id);
      XmppClient.Received echo = aliceWeb.awaitMsgId(id);
      assertEquals("mobile", echo.location(), "the echo names the device class it was sent from");

      // the sending device gets its answer, not a copy of its own message
      String marker = Envelopes.newId();
      alicePhone.send(Envelopes.text("alice", "bob", marker, "marker"), "mobile");
      alicePhone.awaitAnswer(marker);
      aliceWeb.awaitMsgId(marker);
      assertFalse(
          alicePhone.drain().stream()
              .anyMatch(
                  r ->
                      r.type().equals("MTT-000")
                          && (r.envelope().path("msg_id").asText().equals(id)
                              || r.envelope().path("msg_id").asText().equals(marker))));
    }
  }
}
