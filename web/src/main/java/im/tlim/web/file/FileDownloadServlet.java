package im.tlim.web.file;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.file.FileService;
import im.tlim.file.StoredFile;
import im.tlim.web.api.answer.ServletAnswers;
import im.tlim.web.auth.Caller;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /upload/mobileFileDownload?fileId=…}: the stored file, streamed from the disk, with
 * its Content-Type and a Content-Disposition carrying its UTF-8 name; a single byte range when
 * asked (206), so clients can resume. HEAD answers the same headers without the content.
 */
@WebServlet("/upload/mobileFileDownload")
public class FileDownloadServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int BUFFER = 64 * 1024;

  @EJB private FileService files;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    send(request, response, true);
  }

  // not the default, which would read the whole file to count it
  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    send(request, response, false);
  }

  private void send(HttpServletRequest request, HttpServletResponse response, boolean withContent)
      throws IOException {
    StoredFile file;
    Path content;
    try {
      String fileId = request.getParameter("fileId");
      if (fileId == null || fileId.isBlank()) {
        throw new TlimException(ErrorCode.PARAMETER_INVALID, "fileId is missing");
      }
      file = files.find(fileId);
      Caller caller = Caller.of(request);
      if (!caller.isService() && !files.mayRead(file, caller.userId())) {
        throw new TlimException(
            ErrorCode.NOT_AUTHORISED,
            "not the uploader nor a member of a conversation it was sent in");
      }
      content = files.content(file);
    } catch (TlimException e) {
      ServletAnswers.fail(response, e);
      return;
    }

    long size = file.getSizeBytes();
    // a stored file never changes, so its id is a strong validator
    String etag = "\"" + file.getFileId() + "\"";
    response.setHeader("Accept-Ranges", "bytes");
    response.setHeader("ETag", etag);
    response.setDateHeader("Last-Modified", file.getStoredAt());
    ByteRange range;
    try {
      range =
          rangeStillApplies(request, etag, file.getStoredAt())
              ? ByteRange.requested(request.getHeader("Range"), size)
              : null;
    } catch (ByteRange.Unsatisfiable e) {
      response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
      response.setHeader("Content-Range", ByteRange.unsatisfied(size));
      response.setContentLength(0);
      return;
    }

    response.setContentType(file.getContentType());
    response.setHeader("Content-Disposition", ContentDisposition.attachment(file.getFileName()));
    // the type is the uploader's word: browsers must not second-guess it into something runnable
    response.setHeader("X-Content-Type-Options", "nosniff");
    long first = 0;
    long length = size;
    if (range != null) {
      response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
      response.setHeader("Content-Range", range.contentRange(size));
      first = range.first();
      length = range.length();
    }
    response.setContentLengthLong(length);
    if (withContent) {
      copy(content, first, length, response.getOutputStream());
    }
  }

  /**
   * Whether to honour a Range: yes, unless an If-Range names another version than this one (RFC
   * 9110 §13.1.5), in which case the client gets the whole file.
   */
  private static boolean rangeStillApplies(HttpServletRequest request, String etag, long storedAt) {
    String ifRange = request.getHeader("If-Range");
    if (ifRange == null) {
      return true;
    }
    if (ifRange.startsWith("\"") || ifRange.startsWith("W/")) {
      return ifRange.trim().equals(etag);
    }
    long date;
    try {
      date = request.getDateHeader("If-Range");
    } catch (IllegalArgumentException e) {
      return false; // neither a tag nor a date: not this version
    }
    return date / 1000 == storedAt / 1000; // HTTP dates have whole seconds
  }

  private static void copy(Path content, long first, long length, OutputStream out)
      throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(content)) {
      channel.position(first);
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
      for (long left = length; left > 0; ) {
        buffer.clear().limit((int) Math.min(BUFFER, left));
        int n = channel.read(buffer);
        if (n < 0) {
          throw new IOException(content + " is shorter than its recorded size");
        }
        out.write(buffer.array(), 0, n);
        left -= n;
      }
    }
  }
}
