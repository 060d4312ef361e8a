package im.tlim.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import org.junit.jupiter.api.Test;

/**
 * The membership rules: a current member acts in the session; a former member reads up to their
 * leaving, a member everything; a user who never belonged does neither.
 */
class MemberTest {

  @Test
  void aMemberReadsEverythingAFormerMemberUpToTheirLeaving() {
    Member m = Member.join("g", "bob", 0);
    assertTrue(m.covers(1_000_000));
    assertEquals(Long.MAX_VALUE, m.readableBefore());
    assertEquals(Long.MAX_VALUE, m.lastReadableSeq());

    m.leave(10, 4);
    assertTrue(m.covers(1));
    assertTrue(m.covers(4), "the notice of their leaving");
    assertFalse(m.covers(5));
    assertEquals(5, m.readableBefore());
    assertEquals(4, m.lastReadableSeq());

    m.rejoin(20);
    assertTrue(m.covers(7), "a member again reads the whole history");
    assertEquals(Long.MAX_VALUE, m.readableBefore());
    assertEquals(Long.MAX_VALUE, m.lastReadableSeq());
  }

  @Test
  void onlyACurrentMemberActsInTheSession() {
    Member m = Member.join("g", "bob", 0);
    assertTrue(Member.isCurrent(m));
    assertSame(m, Member.requireCurrent(m, "g", "bob"));

    m.leave(10, 4);
    assertFalse(Member.isCurrent(m));
    assertEquals(ErrorCode.NOT_MEMBER, codeOf(() -> Member.requireCurrent(m, "g", "bob")));

    assertFalse(Member.isCurrent(null), "never belonged");
    assertRefusedAsNotMember(
        () -> Member.requireCurrent(null, "g", "bob"), "error-014: bob is not a member of g");
  }

  @Test
  void aFormerMemberStillReadsAndSendsReceiptsOneWhoNeverBelongedDoesNot() {
    Member m = Member.join("g", "bob", 0);
    assertSame(m, Member.requireCurrentOrFormer(m, "g", "bob"));
    m.leave(10, 4);
    assertSame(m, Member.requireCurrentOrFormer(m, "g", "bob"));

    assertRefusedAsNotMember(
        () -> Member.requireCurrentOrFormer(null, "g", "bob"),
        "error-014: bob never belonged to g");
  }

  @Test
  void theReadCursorGivesEachMessagesStatus() {
    Member m = Member.join("g", "bob", 0);
    assertFalse(m.hasRead(1));
    assertEquals(Member.UNREAD, m.readStatusOf(1));

    assertTrue(m.markRead(5, Member.READ_MOBILE));
    assertTrue(m.hasRead(5));
    assertFalse(m.hasRead(6));
    assertEquals(Member.READ_MOBILE, m.readStatusOf(3));
    assertEquals(Member.UNREAD, m.readStatusOf(6));
    assertFalse(m.markRead(4, Member.READ_WEB), "never back");
    assertEquals(Member.READ_MOBILE, m.readStatusOf(5));
  }

  /** The call is refused with NOT_MEMBER and this message. */
  private static void assertRefusedAsNotMember(Runnable call, String message) {
    TlimException refused = assertThrows(TlimException.class, call::run);
    assertEquals(ErrorCode.NOT_MEMBER, refused.code());
    assertEquals(message, refused.getMessage());
  }

  private static ErrorCode codeOf(Runnable call) {
    return assertThrows(TlimException.class, call::run).code();
  }
}
