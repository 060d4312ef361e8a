package im.tlim.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The 1:1 session id: the same whichever user asks, and read back into its two users. */
class PairKeyTest {

  @Test
  void theSameKeyWhicheverUserAsks() {
    assertEquals("p:alice:bob", PairKey.of("alice", "bob").sessionId());
    assertEquals("p:alice:bob", PairKey.of("bob", "alice").sessionId());
    assertEquals(PairKey.of("alice", "bob"), PairKey.of("bob", "alice"));
    assertEquals("p:alice:bob", ChatSession.pairKey("bob", "alice"));
  }

  @Test
  void aSessionIdIsReadBackIntoItsUsers() {
    PairKey pair = PairKey.parse("p:alice:bob").orElseThrow();
    assertEquals(new PairKey("alice", "bob"), pair);
    assertEquals("bob", pair.peerOf("alice"));
    assertEquals("alice", pair.peerOf("bob"));
  }

  @Test
  void aGroupIdIsNoPair() {
    assertEquals(Optional.empty(), PairKey.parse("0b9f3c1e-5d7a-4c57-9a8e-2f1d7e6b4a10"));
    assertEquals(Optional.empty(), PairKey.parse("p:alone"));
  }

  @Test
  void theUsersGoInOrder() {
    assertThrows(IllegalArgumentException.class, () -> new PairKey("bob", "alice"));
    assertTrue(PairKey.parse(PairKey.of("zed", "amy").sessionId()).isPresent());
  }
}
