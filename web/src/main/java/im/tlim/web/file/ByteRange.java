package im.tlim.web.file;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One byte range of a file, first and last byte included (RFC 9110 §14). */
record ByteRange(long first, long last) {

  // a-b, a-, -n; 18 digits keep every number within a long
  private static final Pattern SINGLE = Pattern.compile("\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})\\s*");

  /** A Range header that no part of the file can answer: 416. */
  static final class Unsatisfiable extends Exception {
    private static final long serialVersionUID = 1L;

    Unsatisfiable(String header) {
      super("unsatisfiable range " + header);
    }
  }

  /**
   * The range a Range header asks of a file of {@code size} bytes.
   *
   * @return the range, or null to send the whole file: no header, a unit other than bytes (which
   *     HTTP says to ignore) or several ranges (which we may and do ignore)
   * @throws Unsatisfiable a malformed byte range, or one that starts past the end
   */
  static ByteRange requested(String header, long size) throws Unsatisfiable {
    if (header == null) {
      return null;
    }
    int equals = header.indexOf('=');
    if (equals < 0) {
      throw new Unsatisfiable(header);
    }
    if (!header.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
      return null;
    }
    String set = header.substring(equals + 1);
    if (set.indexOf(',') >= 0) {
      return null;
    }
    Matcher m = SINGLE.matcher(set);
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      throw new Unsatisfiable(header);
    }
    if (m.group(1).isEmpty()) {
      long suffix = Long.parseLong(m.group(2));
      if (suffix == 0 || size == 0) {
        throw new Unsatisfiable(header);
      }
      return new ByteRange(Math.max(0, size - suffix), size - 1);
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
    if (last < first || first >= size) {
      throw new Unsatisfiable(header);
    }
    return new ByteRange(first, Math.min(last, size - 1));
  }

  long length() {
    return last - first + 1;
  }

  /** The Content-Range of a 206 answer. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** The Content-Range of a 416 answer. */
  static String unsatisfied(long size) {
    return "bytes */" + size;
  }
}
