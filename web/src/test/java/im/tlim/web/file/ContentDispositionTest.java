package im.tlim.web.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

  @Test
  void downloadsCarryAnAsciiFallbackAndTheUtf8Name() {
    assertEquals(
        "attachment; filename=\"__ report.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20report.pdf",
        ContentDisposition.attachment("报告 report.pdf"));
    assertEquals(
        "attachment; filename=\"a_b_c.txt\"; filename*=UTF-8''a%22b%5Cc.txt",
        ContentDisposition.attachment("a\"b\\c.txt"));
  }

  @Test
  void uploadedNamesLoseDirectoriesAndControlCharacters() {
    assertEquals("名字.txt", uploaded("form-data; name=\"file\"; filename=\"名字.txt\""));
    assertEquals("report.doc", uploaded("form-data; filename=\"C:\\\\Users\\\\me\\\\report.doc\""));
    assertEquals("passwd", uploaded("form-data; filename=\"../../etc/passwd\""));
    assertEquals("ab", uploaded("form-data; filename=\"a\tb\""));
    assertEquals(ContentDisposition.NAMELESS, uploaded("form-data; name=\"file\""));
    assertEquals(ContentDisposition.NAMELESS, uploaded("form-data; filename=\"  \""));
    assertEquals(255, uploaded("form-data; filename=\"" + "x".repeat(300) + "\"").length());
  }

  @Test
  void anExtendedNameWinsOverThePlainOne() {
    assertEquals(
        "€ rates.txt",
        uploaded("form-data; filename=\"rates.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt"));
    assertEquals("rates.txt", uploaded("form-data; filename=\"rates.txt\"; filename*=bogus"));
  }

  private static String uploaded(String header) {
    return ContentDisposition.uploadedName(HeaderValue.parse(header));
  }
}
