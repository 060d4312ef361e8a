package im.tlim.observability;

import java.lang.invoke.MethodHandles;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.Logger.Level;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * The service's log messages, each with a code (TLIM0100…TLIM0199) that operators can search for
 * and alert on. The category stays the class that logs ({@link #of}), so levels are still set per
 * feature package. No message carries an envelope's body: ids and counts only.
 */
@MessageLogger(projectCode = "TLIM", length = 4)
public interface TlimLogger extends BasicLogger {

  /** The logger of {@code owner}'s category. */
  static TlimLogger of(Class<?> owner) {
    return Logger.getMessageLogger(MethodHandles.lookup(), TlimLogger.class, owner.getName());
  }

  @LogMessage(level = Level.INFO)
  @Message(id = 100, value = "Stored file %s: %d bytes of %s")
  void fileStored(String fileId, long bytes, String contentType);

  @LogMessage(level = Level.WARN)
  @Message(id = 101, value = "File %s is recorded but its content %s is missing")
  void fileContentMissing(String fileId, Object path);

  @LogMessage(level = Level.WARN)
  @Message(id = 102, value = "Could not delete %s: %s")
  void fileNotDeleted(Object path, String reason);

  @LogMessage(level = Level.INFO)
  @Message(id = 103, value = "Database schema at version %s (%d migrations applied now)")
  void schemaMigrated(String version, int applied);

  @LogMessage(level = Level.WARN)
  @Message(
      id = 104,
      value = "%s: a dependency is unavailable (%s); %d similar failures since the last report")
  void dependencyUnavailable(String what, String rootCause, long suppressed);

  @LogMessage(level = Level.WARN)
  @Message(id = 105, value = "Cannot read the depth of queue %s: %s")
  void queueDepthUnreadable(String queue, String reason);

  @LogMessage(level = Level.INFO)
  @Message(id = 106, value = "Probed the presence of %d users on component stream %s")
  void presenceProbed(int users, Object stream);

  @LogMessage(level = Level.WARN)
  @Message(id = 107, value = "Presence probe interrupted: %s")
  void presenceProbeInterrupted(String reason);

  @LogMessage(level = Level.DEBUG)
  @Message(id = 108, value = "Could not check the users of the live pages: %s")
  void livePageUsersUnchecked(String reason);

  @LogMessage(level = Level.DEBUG)
  @Message(id = 109, value = "Could not purge used live tickets: %s")
  void liveTicketsNotPurged(String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 110, value = "Dead letter %d from %s (%s): %s")
  void deadLettered(long id, String queue, String history, String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 111, value = "Dead letter %d from %s cannot be redriven: %s")
  void deadLetterNotRedriven(long id, String queue, String why);

  @LogMessage(level = Level.INFO)
  @Message(id = 112, value = "Dead letter %d redriven to %s")
  void deadLetterRedriven(long id, String queue);

  @LogMessage(level = Level.WARN)
  @Message(id = 113, value = "Numbering messages for sync failed (%s); the next run retries")
  void syncNumberingFailed(String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 114, value = "Numbering messages before a read failed: %s")
  void syncNumberingBeforeReadFailed(String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 115, value = "Ignored a message from another domain: %s")
  void foreignDomainIgnored(String from);

  @LogMessage(level = Level.DEBUG)
  @Message(id = 116, value = "A batch of %d envelopes went back to one at a time: %s")
  void batchSplit(int size, String reason);

  @LogMessage(level = Level.DEBUG)
  @Message(id = 117, value = "Refused an envelope from %s: %s")
  void envelopeRefused(String user, String reason);

  @LogMessage(level = Level.ERROR)
  @Message(id = 118, value = "Could not accept an envelope from %s")
  void envelopeNotAccepted(String user, @Cause Throwable cause);

  @LogMessage(level = Level.WARN)
  @Message(id = 119, value = "Could not answer %d envelopes: %s")
  void answersNotSent(int count, String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 120, value = "Could not answer %s: %s")
  void answerNotSent(String user, String reason);

  @LogMessage(level = Level.DEBUG)
  @Message(id = 121, value = "Could not acknowledge the presence of %s: %s")
  void presenceNotAcknowledged(String user, String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 122, value = "Setting %s=%s is not valid; using %s")
  void settingInvalid(String name, String value, String fallback);
}
