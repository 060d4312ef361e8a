package im.tlim.web.file;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578, RFC 2046 §5.1) part by part as it arrives: a
 * part's headers, then its content as a stream that ends at the next boundary. It holds one fixed
 * window of the body, never a whole part, so a part may be of any size.
 */
final class MultipartReader {

  /** One part: its headers (names lower-cased) and its content, readable until the next part. */
  record Part(Map<String, String> headers, InputStream content) {

    HeaderValue disposition() {
      return HeaderValue.parse(headers.get("content-disposition"));
    }

    /** The Content-Type the part was sent with, or null. */
    String contentType() {
      return headers.get("content-type");
    }

    /** A file, not a plain form field: it has a file name. */
    boolean isFile() {
      HeaderValue disposition = disposition();
      return disposition.parameter("filename") != null
          || disposition.parameter("filename*") != null;
    }
  }

  private static final int WINDOW = 64 * 1024;
  private static final int MAX_HEADERS = 16 * 1024;
  private static final int MAX_BOUNDARY = 70; // RFC 2046
  private static final int UNKNOWN = -2;
  private static final int ABSENT = -1;

  private final InputStream body;
  private final byte[] delimiter;
  private final byte[] window = new byte[WINDOW];
  private int start; // the first unread byte of the window
  private int end; // the end of what was read into it
  // where the delimiter is in [start, end): an index, ABSENT, or UNKNOWN until searched
  private int delimiterAt = UNKNOWN;
  private boolean bodyEnded;
  private boolean lastPartRead;
  private PartContent current;

  /**
   * @param boundary from the Content-Type, see {@link #boundary(String)}
   */
  MultipartReader(InputStream body, String boundary) {
    this.body = body;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    // the body opens with a boundary that has no line break before it: supply one
    window[0] = '\r';
    window[1] = '\n';
    end = 2;
    current = new PartContent(); // the preamble, which is skipped
  }

  /**
   * The boundary a {@code multipart/form-data} Content-Type names.
   *
   * @throws TlimException error-026 when the request is not multipart/form-data with a boundary
   */
  static String boundary(String contentType) {
    HeaderValue type = HeaderValue.parse(contentType);
    String boundary = type.parameter("boundary");
    if (!type.type().equals("multipart/form-data")
        || boundary == null
        || boundary.isEmpty()
        || boundary.length() > MAX_BOUNDARY) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID, "the upload must be multipart/form-data with a boundary");
    }
    return boundary;
  }

  /**
   * The next part, or null after the last one. What is left of the previous part's content is
   * skipped.
   *
   * @throws TlimException error-026 when the body is not well-formed multipart
   */
  Part next() throws IOException {
    if (lastPartRead) {
      return null;
    }
    current.skipRest();
    // after a boundary: "--" closes the body, else optional blanks and a line break open a part
    require(2, "the body ends after a boundary");
    if (window[start] == '-' && window[start + 1] == '-') {
      lastPartRead = true;
      return null;
    }
    while (true) {
      require(1, "the body ends after a boundary");
      if (window[start] != ' ' && window[start] != '\t') {
        break;
      }
      start++;
    }
    require(2, "the body ends after a boundary");
    if (window[start] != '\r' || window[start + 1] != '\n') {
      throw malformed("no line break after a boundary");
    }
    start += 2;
    delimiterAt = UNKNOWN;
    Map<String, String> headers = readHeaders();
    current = new PartContent();
    return new Part(headers, current);
  }

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new HashMap<>();
    String previous = null;
    int total = 0;
    while (true) {
      int lineEnd = indexOf((byte) '\n');
      while (lineEnd < 0) {
        if (end - start > MAX_HEADERS) {
          throw malformed("a part's headers are too long");
        }
        if (!fill()) {
          throw malformed("the body ends inside a part's headers");
        }
        lineEnd = indexOf((byte) '\n');
      }
      int length = lineEnd - start;
      total += length + 1;
      if (total > MAX_HEADERS) {
        throw malformed("a part's headers are too long");
      }
      if (length > 0 && window[lineEnd - 1] == '\r') {
        length--;
      }
      // header bytes as UTF-8: browsers send file names that way (the HTML standard's encoding)
      String line = new String(window, start, length, StandardCharsets.UTF_8);
      start = lineEnd + 1;
      if (line.isEmpty()) {
        delimiterAt = UNKNOWN;
        return headers;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && previous != null) {
        headers.merge(previous, " " + line.strip(), String::concat); // an obsolete folded line
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw malformed("a part's header has no name");
      }
      previous = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers.putIfAbsent(previous, line.substring(colon + 1).trim());
    }
  }

  /** Makes at least {@code n} unread bytes available, or fails with the reason. */
  private void require(int n, String reason) throws IOException {
    while (end - start < n) {
      if (!fill()) {
        throw malformed(reason);
      }
    }
  }

  /** Moves the unread bytes to the front and reads more after them; false at the body's end. */
  private boolean fill() throws IOException {
    if (bodyEnded) {
      return false;
    }
    if (start > 0) {
      System.arraycopy(window, start, window, 0, end - start);
      end -= start;
      start = 0;
    }
    int n = body.read(window, end, window.length - end);
    if (n < 0) {
      bodyEnded = true;
      return false;
    }
    end += n;
    delimiterAt = UNKNOWN;
    return true;
  }

  private int indexOf(byte b) {
    for (int i = start; i < end; i++) {
      if (window[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private int indexOfDelimiter() {
    byte first = delimiter[0];
    for (int i = start, last = end - delimiter.length; i <= last; i++) {
      if (window[i] != first) {
        continue;
      }
      int j = 1;
      while (j < delimiter.length && window[i + j] == delimiter[j]) {
        j++;
      }
      if (j == delimiter.length) {
        return i;
      }
    }
    return ABSENT;
  }

  private static TlimException malformed(String reason) {
    return new TlimException(ErrorCode.PARAMETER_INVALID, "malformed multipart body: " + reason);
  }

  /** A part's content: the bytes up to the next delimiter, which it consumes at its end. */
  private final class PartContent extends InputStream {

    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (ended || current != this) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      while (true) {
        if (delimiterAt == UNKNOWN) {
          delimiterAt = indexOfDelimiter();
        }
        // without a delimiter in sight, its first bytes may be at the window's end: keep those
        int safe = delimiterAt >= 0 ? delimiterAt - start : end - start - (delimiter.length - 1);
        if (safe > 0) {
          int n = Math.min(len, safe);
          System.arraycopy(window, start, b, off, n);
          start += n;
          return n;
        }
        if (delimiterAt == start) {
          start += delimiter.length;
          delimiterAt = UNKNOWN;
          ended = true;
          return -1;
        }
        if (!fill()) {
          throw malformed("the body ends inside a part");
        }
      }
    }

    void skipRest() throws IOException {
      byte[] scratch = new byte[8192];
      while (read(scratch, 0, scratch.length) >= 0) {
        // discard
      }
    }
  }
}
