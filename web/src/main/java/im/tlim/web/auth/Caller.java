package im.tlim.web.auth;

import im.tlim.error.ErrorCode;
import im.tlim.error.TlimException;
import jakarta.servlet.ServletRequest;
import java.util.Set;

/**
 * Who makes a call, from a verified token: the user ({@code sub}) and the roles ({@code groups}). A
 * {@code service} caller is the company's backend and may act for any user; a {@code user} caller
 * acts only for itself.
 */
public record Caller(String userId, Set<String> roles) {

  public static final String USER = "user";
  public static final String SERVICE = "service";

  /** The request attribute the filter leaves the caller in. */
  static final String ATTRIBUTE = Caller.class.getName();

  /** The request attribute the filter leaves the token's expiry in. */
  static final String EXPIRES_ATTRIBUTE = Caller.class.getName() + ".expiresAt";

  public Caller {
    roles = Set.copyOf(roles);
  }

  /** The caller of this request; the filter has authenticated every request it lets through. */
  public static Caller of(ServletRequest request) {
    Caller caller = (Caller) request.getAttribute(ATTRIBUTE);
    if (caller == null) {
      // a path the filter does not cover: a configuration mistake, never a reason to trust
      throw new TlimException(ErrorCode.NOT_AUTHENTICATED, "no authenticated caller");
    }
    return caller;
  }

  /** When the token of this request expires (the filter has verified it). */
  public static java.time.Instant tokenExpiry(ServletRequest request) {
    Object expiry = request.getAttribute(EXPIRES_ATTRIBUTE);
    if (!(expiry instanceof java.time.Instant instant)) {
      throw new TlimException(ErrorCode.NOT_AUTHENTICATED, "no authenticated caller");
    }
    return instant;
  }

  public boolean isService() {
    return roles.contains(SERVICE);
  }

  /** Whether the token grants any role tlim knows. */
  boolean hasKnownRole() {
    return roles.contains(USER) || roles.contains(SERVICE);
  }

  /**
   * The user a call is about: the named parameter's value, which must be the caller itself unless
   * the caller is the service; when absent, the caller (the service must name the user).
   *
   * @param given the parameter's value, or null when absent
   * @param missing the code to fail with when the service names no user
   */
  public String self(String given, String name, ErrorCode missing) {
    if (isService()) {
      if (given == null || given.isBlank()) {
        throw new TlimException(missing, name + " is missing");
      }
      return given;
    }
    if (given != null && !given.isBlank() && !given.equals(userId)) {
      throw new TlimException(ErrorCode.NOT_AUTHORISED, name + " is not the authenticated user");
    }
    return userId;
  }

  /**
   * The acting user handed to a service that checks creator and member rules: the caller; for the
   * service, the named user when given, else null (a trusted caller).
   */
  public String actor(String given, String name) {
    if (isService()) {
      return given == null || given.isBlank() ? null : given;
    }
    return self(given, name, ErrorCode.USER_ID_EMPTY);
  }

  /** The caller as a service's {@code actingUser}: the user, or null (trusted) for the service. */
  public String actingUser() {
    return isService() ? null : userId;
  }

  /** Refuses (error-021) anyone but the service. */
  public void requireService() {
    if (!isService()) {
      throw new TlimException(ErrorCode.NOT_AUTHORISED, "this operation is for the service role");
    }
  }
}
