package im.tlim.web.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import im.tlim.error.TlimException;
import im.tlim.file.FileService;
import im.tlim.file.StoredFile;
import im.tlim.settings.Settings;
import im.tlim.web.api.answer.Answers;
import im.tlim.web.api.answer.ServletAnswers;
import im.tlim.web.auth.Caller;
import im.tlim.web.logging.WebLogger;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.commons.fileupload2.core.FileUploadException;

/**
 * {@code POST /upload/mobileFileUpload}: a multipart/form-data upload, answered {@code {result: ok,
 * fileId}}. The file is the first part with a file name, or else the part named {@code file} (the
 * original did not document the field's name). {@link MultipartUpload} finds that part as the body
 * arrives and its content is streamed straight to {@link FileService}; the container never parses
 * or buffers the body. Undertow's {@code max-post-size} is off (configure-tlim.cli), so {@code
 * tlim.files.max-bytes} alone limits uploads, answered 413 / error-018.
 */
@WebServlet("/upload/mobileFileUpload")
public class FileUploadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final WebLogger LOG = WebLogger.of(FileUploadServlet.class);

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
      LOG.uploadFailed(request.getRemoteAddr(), e.toString());
      throw e;
    }
    ObjectNode answer = Answers.ok();
    answer.put("fileId", stored.getFileId());
    ServletAnswers.ok(response, answer);
  }

  private StoredFile receive(HttpServletRequest request) throws IOException {
    MultipartUpload upload = new MultipartUpload(settings.maxFileBytes());
    MultipartUpload.FilePart part = upload.filePart(request);
    String fileName = ContentDisposition.uploadedName(part.disposition());
    try {
      return files.store(
          part.content(),
          fileName,
          contentType(part.contentType(), fileName),
          Caller.of(request).userId());
    } catch (FileUploadException e) {
      // the body went wrong while the file was being stored (which then kept nothing)
      throw upload.refusal(e);
    }
  }

  /**
   * The part's own Content-Type, else one guessed from the file name, else octet-stream. Many
   * clients label every file octet-stream, so that label is guessed past too.
   */
  private String contentType(String sent, String fileName) {
    if (sent != null
        && sent.length() <= MAX_CONTENT_TYPE
        && MEDIA_TYPE.matcher(sent).matches()
        && !HeaderValue.parse(sent).type().equals(OCTET_STREAM)) {
      return sent;
    }
    String guessed = getServletContext().getMimeType(fileName);
    return guessed != null && guessed.length() <= MAX_CONTENT_TYPE ? guessed : OCTET_STREAM;
  }
}
