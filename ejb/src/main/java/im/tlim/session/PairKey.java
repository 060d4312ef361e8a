package im.tlim.session;

import java.util.Optional;

/**
 * The id of a 1:1 session: {@code p:<a>:<b>}, the two users' ids in order, so it is the same
 * whichever of them asks. The only place that knows this format; everything else asks for a pair by
 * its two users, and a client names a pair by its peer's id.
 *
 * @param first the smaller user id
 * @param second the larger user id
 */
public record PairKey(String first, String second) {

  private static final String PREFIX = "p:";

  public PairKey {
    if (first.compareTo(second) > 0) {
      throw new IllegalArgumentException("the users of a pair key go in order");
    }
  }

  /** The pair of two users, in either order. */
  public static PairKey of(String a, String b) {
    return a.compareTo(b) <= 0 ? new PairKey(a, b) : new PairKey(b, a);
  }

  /**
   * The pair a session id names; empty for a group's id. Unambiguous because no user id holds a
   * {@code :} (UserIds: addUser, tokens and XMPP localparts refuse it; older entries with one were
   * removed by migration V7), and a group's id is a UUID.
   */
  public static Optional<PairKey> parse(String sessionId) {
    if (!sessionId.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] users = sessionId.substring(PREFIX.length()).split(":", 2);
    if (users.length < 2) {
      return Optional.empty();
    }
    return Optional.of(of(users[0], users[1]));
  }

  /** The session id of this pair. */
  public String sessionId() {
    return PREFIX + first + ":" + second;
  }

  /** The user of the pair who is not {@code userId}. */
  public String peerOf(String userId) {
    return first.equals(userId) ? second : first;
  }

  @Override
  public String toString() {
    return sessionId();
  }
}
