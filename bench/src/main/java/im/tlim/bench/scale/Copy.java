package im.tlim.bench.scale;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into one table with PostgreSQL's {@code COPY … FROM STDIN} (text format), the way
 * the scale scenarios fill the database without going through the service. Values are written as
 * they are: the generators only produce text without tabs, newlines or backslashes.
 */
final class Copy implements AutoCloseable {

  private final CopyIn copy;
  private final StringBuilder line = new StringBuilder(512);
  private final StringBuilder buffer = new StringBuilder(1 << 20);
  private long rows;

  Copy(Connection connection, String table, String columns) throws SQLException {
    copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn("copy " + table + " (" + columns + ") from stdin");
  }

  /** A superuser connection: the load skips FK triggers (the generator keeps rows consistent). */
  static Connection connect(int pgPort) throws SQLException {
    Connection c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + pgPort + "/tlim", "postgres", "");
    c.setAutoCommit(false);
    return c;
  }

  /** One row; null is SQL NULL. */
  void row(Object... values) throws SQLException {
    line.setLength(0);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append('\t');
      }
      Object v = values[i];
      if (v == null) {
        line.append("\\N");
      } else if (v instanceof Boolean b) {
        line.append(b ? 't' : 'f');
      } else {
        line.append(v);
      }
    }
    line.append('\n');
    buffer.append(line);
    rows++;
    if (buffer.length() > (1 << 20) - 4096) {
      flush();
    }
  }

  long rows() {
    return rows;
  }

  private void flush() throws SQLException {
    byte[] bytes = buffer.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    buffer.setLength(0);
  }

  @Override
  public void close() throws SQLException {
    flush();
    copy.endCopy();
  }
}
