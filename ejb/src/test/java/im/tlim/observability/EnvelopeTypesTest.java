package im.tlim.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EnvelopeTypesTest {

  @Test
  void readsTheTopLevelMsgTypeWhereverItIs() {
    assertEquals(
        "MTT-000", EnvelopeTypes.of("{\"msg_type\":\"MTT-000\",\"body\":[{\"text\":\"hi\"}]}"));
    assertEquals(
        "MTT-001",
        EnvelopeTypes.of(
            "{\"msg_id\":\"m\",\"body\":[{\"msg_type\":\"MTS-105\",\"nested\":{\"msg_type\":\"x\"}}],\"msg_type\":\"MTT-001\"}"));
  }

  @Test
  void isAsLenientAsTheCodec() {
    assertEquals("MTT-000", EnvelopeTypes.of("{msg_type:'MTT-000',body:[{'text':'hi'},],}"));
  }

  @Test
  void anythingElseIsUnknown() {
    for (String text :
        new String[] {
          null,
          "",
          "  ",
          "not json",
          "[1,2]",
          "{\"body\":[]}",
          "{\"msg_type\":7}",
          "{\"msg_type\":",
          "\"MTT-000\""
        }) {
      assertEquals(ServiceMetrics.UNKNOWN_TYPE, EnvelopeTypes.of(text), String.valueOf(text));
    }
  }
}
