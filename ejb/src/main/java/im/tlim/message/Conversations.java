package im.tlim.message;

/** Keys of the conversations messages are stored under. */
public final class Conversations {

  private Conversations() {}

  /**
   * The key of the 1:1 conversation between two users, the same whichever of them asks: {@code
   * p:<smaller id>:<larger id>}.
   */
  public static String pair(String a, String b) {
    return a.compareTo(b) <= 0 ? "p:" + a + ":" + b : "p:" + b + ":" + a;
  }
}
