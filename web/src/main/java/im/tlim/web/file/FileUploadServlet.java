package im.tlim.web.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.file.FileService;
import im.tlim.file.StoredFile;
import im.tlim.settings.Settings;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.answer.ServletAnswers;
import im.tlim.web.auth.Caller;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.regex.Pattern;

/**
 * {@code POST /upload/mobileFileUpload}: a multipart/form-data upload, answered {@code {result: ok,
 * fileId}}. The file is the first part with a file name, or else the part named {@code file} (the
 * original did not document the field's name). The part is streamed straight to {@link FileService}
 * as it arrives; the container never parses or buffers the body. Undertow's {@code max-post-size}
 * is off (configure-tlim.cli), so {@code tlim.files.max-bytes} alone limits uploads, answered 413 /
 * error-018.
 */
@WebServlet("/upload/mobileFileUpload")
public class FileUploadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final System.Logger LOG = System.getLogger(FileUploadServlet.class.getName());

  /** What a request may carry besides the file: the multipart framing and small form fields. */
  static final long FORM_ALLOWANCE = 1024 * 1024;

  static final String OCTET_STREAM = "application/octet-stream";
  private static final int MAX_CONTENT_TYPE = 128;
  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(TOKEN + "/" + TOKEN + "(\\s*;[\\x20-\\x7e]*)?");

  @EJB private FileService files;
  @Inject private Settings settings;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // the body is read here, as a stream: never through getParameter() or getParts()
    StoredFile stored;
    try {
      stored = receive(request);
    } catch (TlimException e) {
      ServletAnswers.fail(response, e);
      return;
    } catch (IOException e) {
      // mostly a client that went away mid-upload; nothing was kept
      LOG.log(Level.WARNING, "upload from {0} failed: {1}", request.getRemoteAddr(), e.toString());
      throw e;
    }
    ObjectNode answer = Answers.ok();
    answer.put("fileId", stored.getFileId());
    ServletAnswers.ok(response, answer);
  }

  private StoredFile receive(HttpServletRequest request) throws IOException {
    String boundary = MultipartReader.boundary(request.getContentType());
    long allowed = settings.maxFileBytes() + FORM_ALLOWANCE;
    // refused before reading, so a client that waits for 100-continue never sends the body
    if (request.getContentLengthLong() > allowed) {
      throw new TlimException(
          ErrorCode.TOO_LARGE, "the request is larger than " + allowed + " bytes");
    }
    MultipartReader parts =
        new MultipartReader(new CappedInputStream(request.getInputStream(), allowed), boundary);
    for (MultipartReader.Part part = parts.next(); part != null; part = parts.next()) {
      HeaderValue disposition = part.disposition();
      if (part.isFile() || "file".equals(disposition.parameter("name"))) {
        String fileName = ContentDisposition.uploadedName(disposition);
        return files.store(
            part.content(), fileName, contentType(part, fileName), Caller.of(request).userId());
      }
    }
    throw new TlimException(ErrorCode.PARAMETER_INVALID, "the upload has no file part");
  }

  /**
   * The part's own Content-Type, else one guessed from the file name, else octet-stream. Many
   * clients label every file octet-stream, so that label is guessed past too.
   */
  private String contentType(MultipartReader.Part part, String fileName) {
    String sent = part.contentType();
    if (sent != null
        && sent.length() <= MAX_CONTENT_TYPE
        && MEDIA_TYPE.matcher(sent).matches()
        && !HeaderValue.parse(sent).type().equals(OCTET_STREAM)) {
      return sent;
    }
    String guessed = getServletContext().getMimeType(fileName);
    return guessed != null && guessed.length() <= MAX_CONTENT_TYPE ? guessed : OCTET_STREAM;
  }

  /** The request body, failing with error-018 once more than the allowed bytes have come. */
  private static final class CappedInputStream extends FilterInputStream {

    private final long allowed;
    private long count;

    CappedInputStream(InputStream in, long allowed) {
      super(in);
      this.allowed = allowed;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      counted(skipped);
      return skipped;
    }

    private void counted(long n) {
      count += n;
      if (count > allowed) {
        throw new TlimException(
            ErrorCode.TOO_LARGE, "the request is larger than " + allowed + " bytes");
      }
    }
  }
}
