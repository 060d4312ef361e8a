package im.tlim.bench.scale;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The measurements' own reads of the database (what an answer must contain, how many rows are left,
 * a statement's plan): one prepared statement per call, its parameters bound in order.
 */
final class Queries {

  private Queries() {}

  /** The first column of every row. */
  static List<String> column(Connection db, String sql, Object... args) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = prepare(db, sql, args);
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  /** The first column of the first row as text; null when there is no row. */
  static String text(Connection db, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = prepare(db, sql, args);
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getString(1) : null;
    }
  }

  /** The first column of the first row as a number (a count, a sequence number). */
  static long number(Connection db, String sql, Object... args) throws SQLException {
    try (PreparedStatement s = prepare(db, sql, args);
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        throw new SQLException("no row: " + sql);
      }
      return r.getLong(1);
    }
  }

  /** {@code EXPLAIN (ANALYZE, BUFFERS)} of a statement, as a Markdown code block. */
  static String explain(Connection db, String sql) throws SQLException {
    StringBuilder out = new StringBuilder("```\n");
    for (String line : column(db, "explain (analyze, buffers) " + sql)) {
      out.append(line).append('\n');
    }
    return out.append("```\n\n").toString();
  }

  private static PreparedStatement prepare(Connection db, String sql, Object... args)
      throws SQLException {
    PreparedStatement s = db.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      return s;
    } catch (SQLException e) {
      s.close();
      throw e;
    }
  }
}
