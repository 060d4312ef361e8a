package im.tlim.session;

/** The original's session_type values. */
public final class SessionType {

  public static final int GROUP = 0;
  public static final int APPROVAL = 1;
  public static final int RETURNED = 2;
  public static final int PAIR = 99;

  private SessionType() {}

  public static boolean isValid(int type) {
    return type == GROUP || type == APPROVAL || type == RETURNED || type == PAIR;
  }
}
