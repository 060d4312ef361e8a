package im.tlim.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileServiceTest {

  @Test
  void filesAreFiledByMonthInUtc() {
    long lastMomentOfJanuary = Instant.parse("2026-01-31T23:59:59.999Z").toEpochMilli();
    assertEquals("2026/01/abc", FileService.storagePath("abc", lastMomentOfJanuary));
    assertEquals("2026/02/abc", FileService.storagePath("abc", lastMomentOfJanuary + 1));
  }
}
