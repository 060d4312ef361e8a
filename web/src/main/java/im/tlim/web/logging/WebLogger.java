package im.tlim.web.logging;

import java.lang.invoke.MethodHandles;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.Logger.Level;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * The web module's log messages, coded TLIM0200…TLIM0299 (the logic's are TLIM01xx, the connector's
 * TLIM00xx). The category stays the class that logs ({@link #of}).
 */
@MessageLogger(projectCode = "TLIM", length = 4)
public interface WebLogger extends BasicLogger {

  /** The logger of {@code owner}'s category. */
  static WebLogger of(Class<?> owner) {
    return Logger.getMessageLogger(MethodHandles.lookup(), WebLogger.class, owner.getName());
  }

  @LogMessage(level = Level.WARN)
  @Message(id = 200, value = "Upload from %s failed: %s")
  void uploadFailed(String remoteAddress, String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 201, value = "%s after the answer had begun")
  void failedAfterAnswerBegan(String reason);

  @LogMessage(level = Level.WARN)
  @Message(
      id = 202,
      value = "Neither tlim.jwt.public-key nor tlim.jwt.secret is set: every call is refused")
  void noTokenKey();

  @LogMessage(level = Level.WARN)
  @Message(
      id = 203,
      value = "tlim.jwt.issuer or tlim.jwt.audience is not set: that claim is not checked")
  void tokenClaimsUnchecked();

  @LogMessage(level = Level.DEBUG)
  @Message(id = 204, value = "Refused a token from %s: %s")
  void tokenRefused(String remoteAddress, String reason);

  @LogMessage(level = Level.ERROR)
  @Message(id = 205, value = "Request failed")
  void requestFailed(@Cause Throwable cause);

  @LogMessage(level = Level.DEBUG)
  @Message(id = 206, value = "Closing a live page of %s failed: %s")
  void pageCloseFailed(String user, String reason);

  @LogMessage(level = Level.DEBUG)
  @Message(id = 208, value = "Live socket of %s failed: %s")
  void liveSocketFailed(String user, String reason);
}
