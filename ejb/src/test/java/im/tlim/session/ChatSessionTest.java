package im.tlim.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import org.junit.jupiter.api.Test;

/** The rules a session carries: open, a group, its creator, who removes whom, a pair's peer. */
class ChatSessionTest {

  @Test
  void aClosedSessionIsRefusedWithError015() {
    ChatSession group = ChatSession.group("g", SessionType.GROUP, "G", "alice", 1);
    assertSame(group, group.requireOpen());
    assertSame(group, group.requireOpenGroup());

    group.close(2);
    assertFalse(group.isOpen());
    assertEquals(ErrorCode.SESSION_CLOSED, codeOf(group::requireOpen));
    assertEquals(ErrorCode.SESSION_CLOSED, codeOf(group::requireOpenGroup));
  }

  @Test
  void aPairIsNoGroupError009() {
    ChatSession pair = ChatSession.pair("bob", "alice", 1);
    assertSame(pair, pair.requireOpen());
    assertEquals(ErrorCode.SESSION_UNKNOWN, codeOf(pair::requireOpenGroup));
    pair.close(2);
    assertEquals(
        ErrorCode.SESSION_UNKNOWN, codeOf(pair::requireOpenGroup), "a pair is refused as such");
  }

  @Test
  void aMemberLeavesByThemselvesOnlyTheCreatorRemovesOthers() {
    ChatSession group = ChatSession.group("g", SessionType.GROUP, "G", "alice", 1);
    assertTrue(group.isCreatedBy("alice"));
    assertFalse(group.isCreatedBy("bob"));
    assertTrue(group.mayRemove("bob", "bob"));
    assertTrue(group.mayRemove("alice", "bob"));
    assertTrue(group.mayRemove("alice", "alice"));
    assertFalse(group.mayRemove("bob", "carol"));
  }

  @Test
  void aPairIsKeyedByItsUsersAndNamedByThePeer() {
    ChatSession pair = ChatSession.pair("bob", "alice", 1);
    assertTrue(pair.isPair());
    assertEquals("p:alice:bob", pair.getSessionId());
    assertEquals("bob", pair.getSessionUser(), "the creator is who sent first");
    assertEquals("alice", pair.peerOf("bob"));
    assertEquals("bob", pair.peerOf("alice"));
  }

  private static ErrorCode codeOf(Runnable call) {
    return assertThrows(TlimException.class, call::run).code();
  }
}
