package im.tlim.file;

import im.tlim.envelope.Envelope;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import im.tlim.observability.TlimLogger;
import im.tlim.settings.Settings;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Stores uploaded files and finds them again. The bytes go to {@code <files dir>/<yyyy>/<MM>/<id>}
 * (UTC), written under {@code <files dir>/incoming} first and moved into place when complete, so a
 * file under its final name is always whole; the row is recorded after the move.
 */
@Stateless
public class FileService {

  private static final TlimLogger LOG = TlimLogger.of(FileService.class);

  @EJB private FileRepository repository;
  @Inject private Settings settings;

  /**
   * Streams an upload to disk and records it. Never holds the file in memory.
   *
   * @param content the file's bytes; read to its end
   * @param fileName the name to download it under, without any directory
   * @param contentType its media type
   * @param uploader the authenticated user, or null
   * @throws TlimException error-018 as soon as the content passes the size limit; nothing is kept
   * @throws IOException reading the content or writing the disk failed; nothing is kept
   */
  // an upload may take minutes: no transaction (nor its timeout) spans it
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public StoredFile store(InputStream content, String fileName, String contentType, String uploader)
      throws IOException {
    long limit = settings.maxFileBytes();
    Path root = settings.filesDirectory();
    String fileId = UUID.randomUUID().toString().replace("-", "");
    long now = System.currentTimeMillis();
    String storagePath = storagePath(fileId, now);
    Path target = root.resolve(storagePath);

    Path incoming = Files.createDirectories(root.resolve("incoming"));
    Path partial = Files.createTempFile(incoming, fileId, ".part");
    boolean recorded = false;
    try {
      long size = write(content, partial, limit);
      Files.createDirectories(target.getParent());
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      StoredFile file =
          StoredFile.received(fileId, fileName, contentType, size, uploader, now, storagePath);
      repository.record(file);
      recorded = true;
      LOG.fileStored(fileId, size, contentType);
      return file;
    } finally {
      discard(partial); // gone already when the move succeeded
      if (!recorded) {
        discard(target);
      }
    }
  }

  /**
   * The stored file with this id.
   *
   * @throws TlimException error-023 when there is none
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public StoredFile find(String fileId) {
    StoredFile file = isPlausibleId(fileId) ? repository.find(fileId) : null;
    if (file == null) {
      throw new TlimException(ErrorCode.FILE_UNKNOWN, "no file " + fileId);
    }
    return file;
  }

  /**
   * Whether the user may download the file: its uploader, or a member of a conversation it was sent
   * in.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean mayRead(StoredFile file, String userId) {
    return userId.equals(file.getUploader()) || repository.sentTo(file.getFileId(), userId);
  }

  /** Whether a file with this id is stored (messages of MTT-001..003 must name one). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public boolean exists(String fileId) {
    return isPlausibleId(fileId) && repository.find(fileId) != null;
  }

  /**
   * Where the bytes of a stored file are.
   *
   * @throws TlimException error-023 when they are gone from the disk
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Path content(StoredFile file) {
    Path path = settings.filesDirectory().resolve(file.getStoragePath());
    if (!Files.isReadable(path)) {
      LOG.fileContentMissing(file.getFileId(), path);
      throw new TlimException(
          ErrorCode.FILE_UNKNOWN, "the content of file " + file.getFileId() + " is missing");
    }
    return path;
  }

  static String storagePath(String fileId, long storedAt) {
    ZonedDateTime at = Instant.ofEpochMilli(storedAt).atZone(ZoneOffset.UTC);
    return String.format("%04d/%02d/%s", at.getYear(), at.getMonthValue(), fileId);
  }

  /** Copies the content to the file and forces it to disk; fails as soon as it passes the limit. */
  private static long write(InputStream content, Path file, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int n; (n = content.read(buffer)) != -1; ) {
        size += n;
        if (size > limit) {
          throw new TlimException(
              ErrorCode.TOO_LARGE, "the file is larger than " + limit + " bytes");
        }
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
      }
      // an upload answered with its id must survive a crash
      out.force(true);
    }
    return size;
  }

  private static boolean isPlausibleId(String fileId) {
    return fileId != null && !fileId.isBlank() && fileId.length() <= Envelope.MAX_ID_LENGTH;
  }

  private static void discard(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.fileNotDeleted(path, e.toString());
    }
  }
}
