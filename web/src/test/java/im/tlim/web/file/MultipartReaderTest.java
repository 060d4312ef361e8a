package im.tlim.web.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

  private static final String BOUNDARY = "----tlimBoundary7MA4YWxk";

  @Test
  void readsFieldsAndAFileWithAUtf8Name() throws IOException {
    byte[] content = "hello\r\n--not the boundary\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] body = body(content, "文件.txt");
    MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY);

    MultipartReader.Part field = reader.next();
    assertEquals("user", field.disposition().parameter("name"));
    assertEquals("alice", new String(field.content().readAllBytes(), StandardCharsets.UTF_8));

    MultipartReader.Part file = reader.next();
    assertTrue(file.isFile());
    assertEquals("文件.txt", file.disposition().parameter("filename"));
    assertEquals("text/plain", file.contentType());
    assertArrayEquals(content, file.content().readAllBytes());
    assertNull(reader.next());
  }

  @Test
  void partsOfAnySizeArriveWholeWhateverTheReadSizes() throws IOException {
    // random bytes hit partial delimiters at window ends; one-byte reads from the socket too
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    for (int i = 1000; i < content.length; i += 65_536) {
      byte[] almost = ("\r\n--" + BOUNDARY.substring(0, 10)).getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(almost, 0, content, i - almost.length / 2, almost.length);
    }
    byte[] body = body(content, "a.bin");
    MultipartReader reader = new MultipartReader(new TrickleInputStream(body, 7), BOUNDARY);
    reader.next(); // the field, skipped unread
    MultipartReader.Part file = reader.next();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[3000];
    for (int n; (n = file.content().read(buffer)) >= 0; ) {
      read.write(buffer, 0, n);
    }
    assertArrayEquals(content, read.toByteArray());
    assertNull(reader.next());
  }

  @Test
  void aPreambleAndAnEmptyPartAreFine() throws IOException {
    String text =
        "ignored preamble\r\n--"
            + BOUNDARY
            + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\"empty\"\r\n\r\n"
            + "\r\n--"
            + BOUNDARY
            + "--\r\n";
    MultipartReader reader =
        new MultipartReader(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), BOUNDARY);
    assertEquals(0, reader.next().content().readAllBytes().length);
    assertNull(reader.next());
  }

  @Test
  void aBodyCutShortIsMalformed() throws IOException {
    byte[] body = body("some content".getBytes(StandardCharsets.UTF_8), "a.txt");
    byte[] cut = java.util.Arrays.copyOf(body, body.length - BOUNDARY.length() - 10);
    MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY);
    reader.next();
    InputStream content = reader.next().content();
    TlimException e = assertThrows(TlimException.class, content::readAllBytes);
    assertEquals(ErrorCode.PARAMETER_INVALID, e.code());
  }

  @Test
  void theBoundaryComesFromAMultipartFormDataContentType() {
    assertEquals("abc", MultipartReader.boundary("multipart/form-data; boundary=abc"));
    assertEquals("a b", MultipartReader.boundary("Multipart/Form-Data;boundary=\"a b\""));
    assertThrows(TlimException.class, () -> MultipartReader.boundary("application/octet-stream"));
    assertThrows(TlimException.class, () -> MultipartReader.boundary("multipart/form-data"));
    assertThrows(TlimException.class, () -> MultipartReader.boundary(null));
  }

  private static byte[] body(byte[] content, String fileName) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + BOUNDARY
                + "\r\n"
                + "Content-Disposition: form-data; name=\"user\"\r\n\r\n"
                + "alice\r\n"
                + "--"
                + BOUNDARY
                + "\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\""
                + fileName
                + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  /** Hands out at most a few bytes a read, as a slow network would. */
  private static final class TrickleInputStream extends ByteArrayInputStream {
    private final int most;

    TrickleInputStream(byte[] bytes, int most) {
      super(bytes);
      this.most = most;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, most));
    }
  }
}
