package im.tlim.web.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void singleRangesOfTheThreeForms() throws Exception {
    assertEquals(new ByteRange(10, 19), ByteRange.requested("bytes=10-19", 100));
    assertEquals(new ByteRange(90, 99), ByteRange.requested("bytes=90-", 100));
    assertEquals(new ByteRange(95, 99), ByteRange.requested("bytes=-5", 100));
    assertEquals(new ByteRange(0, 0), ByteRange.requested(" Bytes = 0 - 0 ", 100));
  }

  @Test
  void rangesReachingPastTheEndAreCutToIt() throws Exception {
    assertEquals(new ByteRange(90, 99), ByteRange.requested("bytes=90-1000", 100));
    assertEquals(new ByteRange(0, 99), ByteRange.requested("bytes=-1000", 100));
  }

  @Test
  void noRangeOtherUnitsAndSeveralRangesMeanTheWholeFile() throws Exception {
    assertNull(ByteRange.requested(null, 100));
    assertNull(ByteRange.requested("items=0-5", 100));
    assertNull(ByteRange.requested("bytes=0-5,10-15", 100));
  }

  @Test
  void malformedAndUnsatisfiableRangesAreRefused() {
    for (String header :
        new String[] {
          "bytes=100-",
          "bytes=100-200",
          "bytes=-0",
          "bytes=5-4",
          "bytes=-",
          "bytes=a-b",
          "bytes",
          "bytes=1-2-3",
          "bytes=99999999999999999999-"
        }) {
      assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.requested(header, 100), header);
    }
    assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.requested("bytes=0-", 0));
  }

  @Test
  void contentRanges() {
    assertEquals("bytes 10-19/100", new ByteRange(10, 19).contentRange(100));
    assertEquals(10, new ByteRange(10, 19).length());
    assertEquals("bytes */100", ByteRange.unsatisfied(100));
  }
}
