package im.tlim.presence;

import java.util.Locale;

/**
 * The two kinds of client the protocol tells apart: delivered/read state and offline copies are
 * kept per class.
 */
public enum DeviceClass {
  WEB("web"),
  MOBILE("mobile");

  private final String wireName;

  DeviceClass(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * The class of a sending device: the {@code <tlim location>} extension when present, else the
   * resource name as the original told them apart ({@code web…} is web; {@code ios}, {@code
   * android} and anything else is mobile).
   */
  public static DeviceClass of(String location, String resource) {
    if (location != null) {
      String l = location.trim().toLowerCase(Locale.ROOT);
      if (l.equals("web")) {
        return WEB;
      }
      if (l.equals("mobile") || l.equals("ios") || l.equals("android")) {
        return MOBILE;
      }
    }
    if (resource != null && resource.toLowerCase(Locale.ROOT).startsWith("web")) {
      return WEB;
    }
    return MOBILE;
  }
}
