package im.tlim.user;

import im.tlim.delivery.XmppGateway;
import im.tlim.envelope.ServerEnvelopes;
import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which ids can be users. Every way an id enters (addUser, first contact over XMPP, a token's
 * subject, an envelope's msg_to, a list of subscribers) asks here, so the rule is one.
 *
 * <ul>
 *   <li>Reserved (error-029): the ids the server itself speaks as, {@value
 *       ServerEnvelopes#SERVER_SENDER} (the msg_from of every answer, system message and approval
 *       notice, and the other member of each user's approvals pair) and the service's own XMPP
 *       address. Compared ignoring case, since XMPP servers fold a localpart's case.
 *   <li>Not addressable: an id must be an XMPP localpart, so whitespace, control characters and
 *       {@code " & ' / : < > @} (RFC 7622) are refused. A {@code :} would make the 1:1 pair keys
 *       {@code p:<a>:<b>} ambiguous.
 * </ul>
 */
@ApplicationScoped
public class UserIds {

  @Inject private XmppGateway xmpp;

  /** Whether the server itself speaks as this id. */
  public boolean isReserved(String userId) {
    if (userId == null) {
      return false;
    }
    if (userId.equalsIgnoreCase(ServerEnvelopes.SERVER_SENDER)) {
      return true;
    }
    String service = xmpp.cachedServiceAddress();
    return service != null && userId.equalsIgnoreCase(service);
  }

  /** Whether the id can be an XMPP localpart (and a part of a pair key). */
  public static boolean isAddressable(String userId) {
    if (userId == null || userId.isEmpty()) {
      return false;
    }
    for (int i = 0; i < userId.length(); ) {
      int c = userId.codePointAt(i);
      if (Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || Character.isISOControl(c)
          || "\"&'/:<>@".indexOf(c) >= 0
          // what XML cannot carry (U+FFFE, U+FFFF, a lone surrogate) breaks every stanza to it
          || Character.isSurrogate((char) c) && c < 0x10000
          || c == 0xFFFE
          || c == 0xFFFF) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /**
   * Refuses an id no user may have: error-029 when reserved, error-026 when it is not an XMPP
   * localpart.
   */
  public void requireUsable(String userId) {
    if (isReserved(userId)) {
      throw new TlimException(
          ErrorCode.ID_RESERVED, "the id " + userId + " is reserved for the server");
    }
    if (!isAddressable(userId)) {
      throw new TlimException(
          ErrorCode.PARAMETER_INVALID,
          "a user id cannot be an XMPP address's local part: " + userId);
    }
  }
}
