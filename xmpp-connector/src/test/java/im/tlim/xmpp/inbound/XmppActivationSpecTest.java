package im.tlim.xmpp.inbound;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XmppActivationSpecTest {

  private static Set<String> invalidNames(InvalidPropertyException e) {
    PropertyDescriptor[] descriptors = e.getInvalidPropertyDescriptors();
    assertNotNull(descriptors, "the invalid properties are named");
    return Arrays.stream(descriptors).map(PropertyDescriptor::getName).collect(Collectors.toSet());
  }

  /** Sets one property from its text, as a deployment descriptor would. */
  private static void set(XmppActivationSpec spec, String property, String value) {
    switch (property) {
      case "stanzaKinds" -> spec.setStanzaKinds(value);
      case "messageTypes" -> spec.setMessageTypes(value);
      case "orderedPerSender" ->
          spec.setOrderedPerSender(value == null ? null : Boolean.valueOf(value));
      default -> throw new IllegalArgumentException(property);
    }
  }

  /** What validate() refuses in a default spec once this setting is made. */
  private static InvalidPropertyException refused(Consumer<XmppActivationSpec> setting) {
    XmppActivationSpec spec = new XmppActivationSpec();
    setting.accept(spec);
    return assertThrows(InvalidPropertyException.class, spec::validate);
  }

  @Test
  void defaultsAreValid() {
    XmppActivationSpec spec = new XmppActivationSpec();

    assertDoesNotThrow(spec::validate);
    assertEquals("message,presence", spec.getStanzaKinds());
    assertEquals("chat,normal", spec.getMessageTypes());
    assertEquals(Boolean.TRUE, spec.getOrderedPerSender());
    assertTrue(spec.isOrderedPerSender());
  }

  @ParameterizedTest(name = "{0} = [{1}] is refused and named")
  @CsvSource(
      value = {
        "stanzaKinds, 'message,iq'",
        "stanzaKinds, ' , '",
        "messageTypes, 'chat,shout'",
        "orderedPerSender, NULL"
      },
      nullValues = "NULL")
  void aBadPropertyIsRefusedAndNamed(String property, String value) {
    InvalidPropertyException e = refused(spec -> set(spec, property, value));

    assertTrue(e.getMessage().contains(property), e.getMessage());
    assertEquals(Set.of(property), invalidNames(e));
  }

  @Test
  void twoBadPropertiesAreReportedTogether() {
    InvalidPropertyException e =
        refused(
            spec -> {
              spec.setMessageTypes("shout");
              spec.setOrderedPerSender(null);
            });

    assertTrue(e.getMessage().contains("messageTypes"), e.getMessage());
    assertTrue(e.getMessage().contains("orderedPerSender"), e.getMessage());
    assertEquals(Set.of("messageTypes", "orderedPerSender"), invalidNames(e));
  }

  @Test
  void messageTypesAreNotCheckedWhenMessagesAreNotDelivered() {
    XmppActivationSpec spec = new XmppActivationSpec();
    spec.setStanzaKinds("presence");
    spec.setMessageTypes("shout");

    assertDoesNotThrow(spec::validate);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({"chat, true", "normal, true", "groupchat, false", "headline, false", "error, false"})
  void defaultSpecDeliversChatAndNormalMessagesAndPresence(String type, boolean delivered) {
    XmppActivationSpec spec = new XmppActivationSpec();

    assertEquals(delivered, spec.deliversMessageType(type), type);
    assertTrue(spec.deliversPresence());
  }

  @Test
  void configuredMessageTypesAreDelivered() {
    XmppActivationSpec spec = new XmppActivationSpec();
    spec.setMessageTypes(" groupchat , error ");

    assertTrue(spec.deliversMessageType("groupchat"));
    assertTrue(spec.deliversMessageType("error"));
    assertFalse(spec.deliversMessageType("chat"));
  }

  @ParameterizedTest(name = "stanzaKinds {0}: presence {1}, chat {2}")
  @CsvSource({"message, false, true", "presence, true, false"})
  void aSpecOfOneStanzaKindDeliversOnlyThatKind(String kind, boolean presence, boolean chat) {
    XmppActivationSpec spec = new XmppActivationSpec();
    spec.setStanzaKinds(kind);

    assertEquals(presence, spec.deliversPresence(), "presence");
    assertEquals(chat, spec.deliversMessageType("chat"), "chat");
  }

  @Test
  void orderedPerSenderFalseIsReflected() {
    XmppActivationSpec spec = new XmppActivationSpec();
    spec.setOrderedPerSender(Boolean.FALSE);

    assertDoesNotThrow(spec::validate);
    assertFalse(spec.isOrderedPerSender());
  }

  @Test
  void maxBatchOutsideItsRangeFails() {
    for (Integer bad : new Integer[] {null, 0, -3, 1001}) {
      InvalidPropertyException e = refused(spec -> spec.setMaxBatch(bad));

      assertEquals(Set.of("maxBatch"), invalidNames(e), "maxBatch " + bad);
    }
  }

  @Test
  void maxBatchAppliesOnlyToOrderedDelivery() {
    XmppActivationSpec spec = new XmppActivationSpec();
    spec.setMaxBatch(64);
    assertDoesNotThrow(spec::validate);
    assertEquals(64, spec.maxBatch());

    spec.setOrderedPerSender(Boolean.FALSE);
    assertEquals(1, spec.maxBatch(), "no batches without a per-sender queue");
  }

  @Test
  void lanesOutsideTheirRangeFail() {
    for (Integer bad : new Integer[] {null, -1, 1025}) {
      InvalidPropertyException e = refused(spec -> spec.setLanes(bad));

      assertEquals(Set.of("lanes"), invalidNames(e), "lanes " + bad);
    }
  }
}
