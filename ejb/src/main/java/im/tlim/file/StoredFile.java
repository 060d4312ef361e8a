package im.tlim.file;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An uploaded file: what it is, and where its bytes are. Never changes once recorded. */
@Entity
@Table(name = "tlim_file")
public class StoredFile {

  @Id
  @Column(name = "file_id", length = 64)
  private String fileId;

  @Column(name = "file_name", nullable = false, length = 255, updatable = false)
  private String fileName;

  @Column(name = "content_type", nullable = false, length = 128, updatable = false)
  private String contentType;

  @Column(name = "size_bytes", nullable = false, updatable = false)
  private long sizeBytes;

  @Column(length = 64, updatable = false)
  private String uploader;

  @Column(name = "stored_at", nullable = false, updatable = false)
  private long storedAt;

  /** Relative to the files directory, so the directory can move. */
  @Column(name = "storage_path", nullable = false, length = 512, updatable = false)
  private String storagePath;

  protected StoredFile() {}

  static StoredFile received(
      String fileId,
      String fileName,
      String contentType,
      long sizeBytes,
      String uploader,
      long storedAt,
      String storagePath) {
    StoredFile file = new StoredFile();
    file.fileId = fileId;
    file.fileName = fileName;
    file.contentType = contentType;
    file.sizeBytes = sizeBytes;
    file.uploader = uploader;
    file.storedAt = storedAt;
    file.storagePath = storagePath;
    return file;
  }

  public String getFileId() {
    return fileId;
  }

  public String getFileName() {
    return fileName;
  }

  public String getContentType() {
    return contentType;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  /** Who uploaded it, or null when the upload was not authenticated. */
  public String getUploader() {
    return uploader;
  }

  /** When the upload completed, epoch ms. */
  public long getStoredAt() {
    return storedAt;
  }

  String getStoragePath() {
    return storagePath;
  }
}
