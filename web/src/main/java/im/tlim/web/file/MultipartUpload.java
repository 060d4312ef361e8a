package im.tlim.web.file;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadByteCountLimitException;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.RequestContext;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletRequestContext;

/**
 * The file part of a {@code multipart/form-data} upload, read with Commons FileUpload's streaming
 * API: parts are parsed one by one as the body arrives, and the file part's content is handed over
 * as a stream that ends at the next boundary, so nothing holds a whole part and a file may be
 * larger than the heap. (The container's own {@code getParts()} would spool every part to a
 * temporary file before the servlet sees any.)
 *
 * <p>The file is the first part with a file name ({@code filename} or {@code filename*}), or else
 * the part named {@code file}. The request may carry the largest file plus {@link #FORM_ALLOWANCE}
 * (the framing and small fields): a larger declared length is refused before the body is read, a
 * longer body as soon as it passes the limit, 413 / error-018. The file's own limit is counted by
 * {@code FileService} as it stores it. Anything else that is not well-formed is error-026.
 */
final class MultipartUpload {

  /** What a request may carry besides the file: the multipart framing and small form fields. */
  static final long FORM_ALLOWANCE = 1024 * 1024;

  /** The most a part's headers may take (the library's default, 512 bytes, is short of a name). */
  static final int MAX_PART_HEADERS = 16 * 1024;

  private static final int MAX_BOUNDARY = 70; // RFC 2046

  /** The file part: the name and type it was sent with, and its content as it arrives. */
  record FilePart(HeaderValue disposition, String contentType, InputStream content) {}

  private final long allowed;
  private final JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> parser =
      new JakartaServletFileUpload<>();

  /**
   * @param maxFileBytes the largest file accepted
   */
  MultipartUpload(long maxFileBytes) {
    this.allowed = maxFileBytes + FORM_ALLOWANCE;
    parser.setMaxSize(allowed);
    parser.setMaxPartHeaderSize(MAX_PART_HEADERS);
    // browsers send file names in UTF-8 (the HTML standard's encoding), whatever the request says
    parser.setHeaderCharset(StandardCharsets.UTF_8);
  }

  /** The most bytes a request may carry. */
  long allowed() {
    return allowed;
  }

  /**
   * The request's file part, its content not yet read; what comes before it is skipped. Read the
   * content before anything else of the request.
   *
   * @throws TlimException error-026 when the request is not multipart/form-data with a boundary, is
   *     malformed or has no file part; error-018 when it is larger than {@link #allowed()}
   */
  FilePart filePart(HttpServletRequest request) throws IOException {
    return filePart(new JakartaServletRequestContext(request));
  }

  FilePart filePart(RequestContext request) throws IOException {
    requireFormData(request.getContentType());
    try {
      FileItemInputIterator parts = parser.getItemIterator(request);
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        HeaderValue disposition =
            HeaderValue.parse(part.getHeaders().getHeader("Content-Disposition"));
        if (disposition.parameter("filename") != null
            || disposition.parameter("filename*") != null
            || "file".equals(disposition.parameter("name"))) {
          return new FilePart(disposition, part.getContentType(), part.getInputStream());
        }
      }
    } catch (FileUploadException e) {
      throw refusal(e);
    }
    throw new TlimException(ErrorCode.PARAMETER_INVALID, "the upload has no file part");
  }

  /**
   * What a failure of the multipart parser means for the client: the request or a part too large is
   * error-018, anything else is a malformed body, error-026. Reading the file part's content fails
   * with these too; callers turn them into answers.
   */
  TlimException refusal(FileUploadException e) {
    if (e instanceof FileUploadByteCountLimitException
        || (e instanceof FileUploadSizeException size && size.getPermitted() == allowed)) {
      return new TlimException(
          ErrorCode.TOO_LARGE, "the request is larger than " + allowed + " bytes");
    }
    return new TlimException(
        ErrorCode.PARAMETER_INVALID, "malformed multipart body: " + e.getMessage());
  }

  /**
   * Refuses (error-026) a request that is not {@code multipart/form-data} with a boundary: the
   * parser would take any {@code multipart/*}.
   */
  static void requireFormData(String contentType) {
    HeaderValue type = HeaderValue.parse(contentType);
    String boundary = type.parameter("boundary");
    if (!type.type().equals("multipart/form-data")
        || boundary == null
        || boundary.isEmpty()
        || boundary.length() > MAX_BOUNDARY) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID, "the upload must be multipart/form-data with a boundary");
    }
  }
}
