package im.tlim.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The membership window: a former member reads up to their leaving, a member everything. */
class MemberTest {

  @Test
  void aMemberReadsEverythingAFormerMemberUpToTheirLeaving() {
    Member m = Member.join("g", "bob", 0);
    assertTrue(m.covers(1_000_000));
    assertEquals(Long.MAX_VALUE, m.readableBefore());

    m.leave(10, 4);
    assertTrue(m.covers(1));
    assertTrue(m.covers(4), "the notice of their leaving");
    assertFalse(m.covers(5));
    assertEquals(5, m.readableBefore());

    m.rejoin(20);
    assertTrue(m.covers(7), "a member again reads the whole history");
    assertEquals(Long.MAX_VALUE, m.readableBefore());
  }
}
