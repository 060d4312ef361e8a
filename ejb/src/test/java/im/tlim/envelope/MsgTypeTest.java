package im.tlim.envelope;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import org.junit.jupiter.api.Test;

class MsgTypeTest {

  private static Envelope envelope(MsgType type, String to, String field, String value) {
    ArrayNode body = EnvelopeCodec.array();
    body.addObject().put(field, value);
    return Envelope.of("alice", to, "m-1", type, 1_700_000_000_000L, body);
  }

  private static ErrorCode refusal(MsgType type, Envelope envelope) {
    return assertThrows(TlimException.class, () -> type.check(envelope, "alice")).code();
  }

  @Test
  void directMessageToAnotherUserPasses() {
    assertDoesNotThrow(
        () -> MsgType.TEXT.check(envelope(MsgType.TEXT, "bob", "text", "hi"), "alice"));
  }

  @Test
  void directMessageToNobodyOrToTheSenderIsRefused() {
    for (MsgType type : new MsgType[] {MsgType.TEXT, MsgType.IMAGE, MsgType.MOMENTS_FORWARD}) {
      assertEquals(ErrorCode.FIELD_INVALID, refusal(type, envelope(type, "", "text", "hi")));
      assertEquals(ErrorCode.FIELD_INVALID, refusal(type, envelope(type, " ", "text", "hi")));
      assertEquals(ErrorCode.FIELD_INVALID, refusal(type, envelope(type, "alice", "text", "hi")));
    }
  }

  @Test
  void groupMessageNeedsASessionId() {
    MsgType type = MsgType.GROUP_TEXT;
    assertDoesNotThrow(() -> type.check(envelope(type, "", "session_id", "g-1"), "alice"));
    assertEquals(ErrorCode.SESSION_ID_EMPTY, refusal(type, envelope(type, "", "text", "hi")));
    assertEquals(ErrorCode.SESSION_ID_EMPTY, refusal(type, envelope(type, "", "session_id", " ")));
  }

  @Test
  void clearingRequestAndAnswerMustNameThePeer() {
    for (MsgType type : new MsgType[] {MsgType.CLEAR_REQUEST, MsgType.CLEAR_ANSWER}) {
      assertDoesNotThrow(() -> type.check(envelope(type, "bob", "status", "0"), "alice"));
      assertEquals(ErrorCode.FIELD_INVALID, refusal(type, envelope(type, "", "status", "0")));
      assertEquals(ErrorCode.FIELD_INVALID, refusal(type, envelope(type, "alice", "status", "0")));
    }
  }

  @Test
  void receiptsAndRecallsAreCheckedByTheirServiceNotHere() {
    for (MsgType type :
        new MsgType[] {MsgType.READ, MsgType.DELIVERED, MsgType.RECALL, MsgType.GROUP_RECALL}) {
      assertDoesNotThrow(() -> type.check(envelope(type, "", "msg_id", "m-0"), "alice"));
    }
  }

  @Test
  void typesOnlyTheServerSendsAreRefusedFromClients() {
    for (MsgType type : MsgType.values()) {
      if (type.route() == MsgType.Route.SERVER_ONLY || type.route() == MsgType.Route.HTTP_ONLY) {
        TlimException e =
            assertThrows(
                TlimException.class,
                () -> type.check(envelope(type, "bob", "text", "hi"), "alice"));
        assertEquals(ErrorCode.SERVER_GENERATED, e.code());
        assertEquals(
            "error-022: " + type.code() + " is not sent by clients", e.getMessage(), type.name());
      }
    }
  }
}
