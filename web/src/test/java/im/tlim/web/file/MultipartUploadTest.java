package im.tlim.web.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.junit.jupiter.api.Test;

class MultipartUploadTest {

  private static final String BOUNDARY = "----tlimBoundary7MA4YWxk";
  private static final String FORM_DATA = "multipart/form-data; boundary=" + BOUNDARY;
  private static final long MAX_FILE = 10 * 1024 * 1024;

  private final MultipartUpload upload = new MultipartUpload(MAX_FILE);

  @Test
  void theFileIsFoundPastTheFieldsWithItsUtf8NameAndType() throws IOException {
    byte[] content = "hello\r\n--not the boundary\r\n".getBytes(StandardCharsets.UTF_8);
    MultipartUpload.FilePart file = upload.filePart(request(body(content, "文件.txt")));
    assertEquals("upload", file.disposition().parameter("name"));
    assertEquals("文件.txt", file.disposition().parameter("filename"));
    assertEquals("text/plain", file.contentType());
    assertArrayEquals(content, file.content().readAllBytes());
  }

  @Test
  void partsOfAnySizeArriveWholeWhateverTheReadSizes() throws IOException {
    // random bytes hit partial delimiters at buffer ends; one-byte reads from the socket too
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    for (int i = 1000; i < content.length; i += 65_536) {
      byte[] almost = ("\r\n--" + BOUNDARY.substring(0, 10)).getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(almost, 0, content, i - almost.length / 2, almost.length);
    }
    byte[] body = body(content, "a.bin");
    MultipartUpload.FilePart file =
        upload.filePart(request(FORM_DATA, -1, new TrickleInputStream(body, 7)));
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[3000];
    for (int n; (n = file.content().read(buffer)) >= 0; ) {
      read.write(buffer, 0, n);
    }
    assertArrayEquals(content, read.toByteArray());
  }

  @Test
  void aPreambleAndAnEmptyFilePartAreFine() throws IOException {
    String text =
        "ignored preamble\r\n--"
            + BOUNDARY
            + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"\r\n\r\n"
            + "\r\n--"
            + BOUNDARY
            + "--\r\n";
    MultipartUpload.FilePart file = upload.filePart(request(text.getBytes(StandardCharsets.UTF_8)));
    assertNull(file.disposition().parameter("filename"), "named file, without a file name");
    assertEquals(0, file.content().readAllBytes().length);
  }

  @Test
  void aNameInFilenameStarAloneMakesAFile() throws IOException {
    String text =
        part("Content-Disposition: form-data; name=\"x\"; filename*=UTF-8''%E6%8A%A5.pdf", "pdf")
            + "--"
            + BOUNDARY
            + "--\r\n";
    MultipartUpload.FilePart file = upload.filePart(request(text.getBytes(StandardCharsets.UTF_8)));
    assertEquals("报.pdf", ContentDisposition.uploadedName(file.disposition()));
  }

  @Test
  void anUploadOfFieldsOnlyHasNoFilePart() {
    String text =
        part("Content-Disposition: form-data; name=\"user\"", "alice") + "--" + BOUNDARY + "--\r\n";
    TlimException e =
        assertThrows(
            TlimException.class,
            () -> upload.filePart(request(text.getBytes(StandardCharsets.UTF_8))));
    assertEquals(ErrorCode.PARAMETER_INVALID, e.code());
  }

  @Test
  void aBodyCutShortIsMalformed() throws IOException {
    byte[] body = body("some content".getBytes(StandardCharsets.UTF_8), "a.txt");
    byte[] cut = Arrays.copyOf(body, body.length - BOUNDARY.length() - 10);
    InputStream content = upload.filePart(request(cut)).content();
    FileUploadException e = assertThrows(FileUploadException.class, content::readAllBytes);
    assertEquals(ErrorCode.PARAMETER_INVALID, upload.refusal(e).code());
  }

  @Test
  void onlyMultipartFormDataWithABoundaryIsRead() {
    assertDoesNotThrow(() -> MultipartUpload.requireFormData("multipart/form-data; boundary=abc"));
    assertDoesNotThrow(
        () -> MultipartUpload.requireFormData("Multipart/Form-Data;boundary=\"a b\""));
    for (String type :
        new String[] {
          "application/octet-stream",
          "multipart/mixed; boundary=abc",
          "multipart/form-data",
          "multipart/form-data; boundary=",
          "multipart/form-data; boundary=" + "b".repeat(71),
          null
        }) {
      TlimException e =
          assertThrows(TlimException.class, () -> MultipartUpload.requireFormData(type), type);
      assertEquals(ErrorCode.PARAMETER_INVALID, e.code(), type);
    }
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedUnread() {
    InputStream unreadable =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body was read");
          }
        };
    MultipartUpload small = new MultipartUpload(0);
    TlimException e =
        assertThrows(
            TlimException.class,
            () -> small.filePart(request(FORM_DATA, small.allowed() + 1, unreadable)));
    assertEquals(ErrorCode.TOO_LARGE, e.code());
  }

  @Test
  void aBodyOfUndeclaredLengthIsRefusedOnceItPassesTheLimit() throws IOException {
    MultipartUpload small = new MultipartUpload(0);
    byte[] body = body(new byte[(int) small.allowed()], "big.bin");
    InputStream content =
        small.filePart(request(FORM_DATA, -1, new ByteArrayInputStream(body))).content();
    FileUploadException e = assertThrows(FileUploadException.class, content::readAllBytes);
    assertEquals(ErrorCode.TOO_LARGE, small.refusal(e).code());
  }

  @Test
  void aBodyOfExactlyTheLimitIsRead() throws IOException {
    MultipartUpload small = new MultipartUpload(0);
    int framing = body(new byte[0], "exact.bin").length;
    byte[] content = new byte[(int) small.allowed() - framing];
    byte[] body = body(content, "exact.bin");
    assertEquals(small.allowed(), body.length);
    InputStream read =
        small.filePart(request(FORM_DATA, -1, new ByteArrayInputStream(body))).content();
    assertEquals(content.length, read.readAllBytes().length);
  }

  @Test
  void longFileNamesFitButHeadersPastTheirLimitAreMalformed() throws IOException {
    String name = "名".repeat(255); // 765 bytes of UTF-8, past the library's default of 512
    assertEquals(
        name,
        upload.filePart(request(body(new byte[] {1}, name))).disposition().parameter("filename"));

    String text =
        part(
                "Content-Disposition: form-data; name=\"file\"; filename=\"a\"\r\nX-Pad: "
                    + "x".repeat(MultipartUpload.MAX_PART_HEADERS),
                "content")
            + "--"
            + BOUNDARY
            + "--\r\n";
    TlimException e =
        assertThrows(
            TlimException.class,
            () -> upload.filePart(request(text.getBytes(StandardCharsets.UTF_8))));
    assertEquals(ErrorCode.PARAMETER_INVALID, e.code());
  }

  private static String part(String headers, String content) {
    return "--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n" + content + "\r\n";
  }

  private static byte[] body(byte[] content, String fileName) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        (part("Content-Disposition: form-data; name=\"user\"", "alice")
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

  private static RequestContext request(byte[] body) {
    return request(FORM_DATA, body.length, new ByteArrayInputStream(body));
  }

  /** A request as the servlet container hands it over: a Content-Type, a length, a body. */
  private static RequestContext request(String contentType, long length, InputStream body) {
    return new RequestContext() {
      @Override
      public String getCharacterEncoding() {
        return null;
      }

      @Override
      public String getContentType() {
        return contentType;
      }

      @Override
      public long getContentLength() {
        return length;
      }

      @Override
      public InputStream getInputStream() {
        return body;
      }

      @Override
      public boolean isMultipartRelated() {
        return false;
      }
    };
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
