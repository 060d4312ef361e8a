package im.tlim.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * That a stored message (MTT-001..003, MTS-001..003) carries an uploaded file: what a download is
 * checked against, so that only the members of the conversation the file was sent in get it, not
 * anyone whose readable text merely mentions its id. Written with the message, never changed.
 */
@Entity
@Table(name = "tlim_message_file")
@IdClass(MessageFile.Key.class)
@NamedQuery(
    name = MessageFile.DELETE_OF_SESSION,
    query =
        "delete from MessageFile f where f.message.id in"
            + " (select m.id from ChatMessage m where m.sessionId = :sessionId)")
public class MessageFile {

  static final String DELETE_OF_SESSION = "MessageFile.deleteOfSession";

  @Id
  @Column(name = "file_id", length = 64, updatable = false)
  private String fileId;

  // a mapped relation, so the message's row is always written first (the foreign key)
  @Id
  @ManyToOne(optional = false)
  @JoinColumn(name = "message_id", updatable = false)
  private ChatMessage message;

  protected MessageFile() {}

  MessageFile(String fileId, ChatMessage message) {
    this.fileId = fileId;
    this.message = message;
  }

  public String getFileId() {
    return fileId;
  }

  public ChatMessage getMessage() {
    return message;
  }

  /** Primary key: the file and the id of the message. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String fileId;
    private Long message;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(k.fileId, fileId)
          && Objects.equals(k.message, message);
    }

    @Override
    public int hashCode() {
      return Objects.hash(fileId, message);
    }
  }
}
