package im.tlim.xmpp.api;

import java.io.Serializable;

/** An XMPP address split into its parts; {@code local} and {@code resource} may be null. */
public record XmppAddress(String local, String domain, String resource) implements Serializable {

  /** Parses {@code local@domain/resource} without validating it beyond its structure. */
  public static XmppAddress parse(String jid) {
    if (jid == null || jid.isEmpty()) {
      return new XmppAddress(null, "", null);
    }
    int slash = jid.indexOf('/');
    String bare = slash < 0 ? jid : jid.substring(0, slash);
    String resource = slash < 0 ? null : jid.substring(slash + 1);
    int at = bare.indexOf('@');
    String local = at < 0 ? null : bare.substring(0, at);
    String domain = at < 0 ? bare : bare.substring(at + 1);
    return new XmppAddress(local, domain, resource);
  }

  public String bare() {
    return local == null ? domain : local + "@" + domain;
  }

  @Override
  public String toString() {
    return resource == null ? bare() : bare() + "/" + resource;
  }
}
