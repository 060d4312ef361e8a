package im.tlim.announcement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An announcement knows its author (who, with the session's creator, edits it). */
class AnnouncementTest {

  @Test
  void itsAuthorIsWhoPostedIt() {
    Announcement a = new Announcement("g", "alice", "Title", "Text", 1);
    assertTrue(a.isAuthoredBy("alice"));
    assertFalse(a.isAuthoredBy("bob"));
    assertFalse(a.isAuthoredBy(null));
  }
}
