package im.tlim.web.file;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * File names in Content-Disposition: the one a multipart part was uploaded with, and the one a
 * download is saved under (RFC 6266 with RFC 8187/5987 {@code filename*} for names that are not
 * ASCII).
 */
final class ContentDisposition {

  static final int MAX_NAME = 255;
  static final String NAMELESS = "file";

  private ContentDisposition() {}

  /**
   * The file name a part was sent with, reduced to something safe to store and send back: no
   * directory (some browsers send the whole path), no control characters, at most 255 characters;
   * {@code file} when there is none.
   */
  static String uploadedName(HeaderValue disposition) {
    String name =
        disposition.parameter("filename*") != null
            ? decodeExtended(disposition.parameter("filename*"))
            : null;
    if (name == null) {
      name = disposition.parameter("filename");
    }
    if (name == null) {
      return NAMELESS;
    }
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder clean = new StringBuilder();
    name.codePoints().filter(c -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
    name = clean.toString().strip();
    if (name.isEmpty()) {
      return NAMELESS;
    }
    if (name.length() > MAX_NAME) {
      int cut = Character.isHighSurrogate(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
      name = name.substring(0, cut);
    }
    return name;
  }

  /**
   * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>}: clients
   * that know RFC 6266 use the exact name, older ones the fallback, in which anything but printable
   * ASCII (and quotes and backslashes) becomes {@code _}.
   */
  static String attachment(String fileName) {
    StringBuilder fallback = new StringBuilder();
    fileName
        .codePoints()
        .forEach(
            c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    StringBuilder encoded = new StringBuilder();
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isAttrChar(c)) {
        encoded.append((char) c);
      } else {
        encoded
            .append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
  }

  /** {@code charset'language'percent-encoded}, or null when it is not that. */
  static String decodeExtended(String value) {
    int first = value.indexOf('\'');
    int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
    if (second < 0) {
      return null;
    }
    Charset charset;
    try {
      charset = Charset.forName(value.substring(0, first).trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String encoded = value.substring(second + 1);
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          return null;
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        return null; // not an ext-value: raw text belongs in filename, not filename*
      }
    }
    return bytes.toString(charset);
  }

  // RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" /
  // "|" / "~"
  private static boolean isAttrChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$&+-.^_`|~".indexOf(c) >= 0;
  }
}
