package im.tlim.xmpp.logging;

import java.lang.invoke.MethodHandles;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.Logger.Level;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * The resource adapter's log messages, coded TLIM0001…TLIM0099 (the logic's are TLIM01xx, the web
 * module's TLIM02xx). The category stays the class that logs ({@link #of}). No message carries a
 * stanza's body.
 */
@MessageLogger(projectCode = "TLIM", length = 4)
public interface ConnectorLogger extends BasicLogger {

  /** The logger of {@code owner}'s category. */
  static ConnectorLogger of(Class<?> owner) {
    return Logger.getMessageLogger(MethodHandles.lookup(), ConnectorLogger.class, owner.getName());
  }

  @LogMessage(level = Level.INFO)
  @Message(id = 1, value = "tlim XMPP connector started for %s")
  void connectorStarted(Object settings);

  @LogMessage(level = Level.INFO)
  @Message(id = 2, value = "tlim XMPP connector stopped")
  void connectorStopped();

  @LogMessage(level = Level.WARN)
  @Message(id = 3, value = "No timer for keep-alives: %s")
  void noKeepAliveTimer(String reason);

  @LogMessage(level = Level.INFO)
  @Message(id = 4, value = "Activated %s")
  void endpointActivated(Object activation);

  @LogMessage(level = Level.INFO)
  @Message(id = 5, value = "Deactivated %s")
  void endpointDeactivated(Object activation);

  @LogMessage(level = Level.INFO)
  @Message(id = 6, value = "XMPP component %s connected")
  void componentConnected(Object settings);

  @LogMessage(level = Level.WARN)
  @Message(id = 7, value = "XMPP component %s is down (%s); retrying in %d ms")
  void componentDown(Object settings, String reason, long retryMillis);

  @LogMessage(level = Level.WARN)
  @Message(id = 8, value = "Dropped an unparsable stanza: %s")
  void stanzaUnparsable(String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 9, value = "Dropped a stanza with an invalid address: %s")
  void stanzaAddressInvalid(String reason);

  @LogMessage(level = Level.TRACE)
  @Message(id = 10, value = "%s from %s")
  void stanzaReceived(String kind, Object from);

  @LogMessage(level = Level.WARN)
  @Message(id = 11, value = "Could not answer a stanza (%s); the stream is closed and reopened")
  void stanzaUnanswered(String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 12, value = "No endpoint available for %s: %s")
  void noEndpoint(Object factory, String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 13, value = "Delivery to %s failed: %s")
  void deliveryFailed(Object endpointClass, String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 14, value = "Dropped %d more deliveries for %s")
  void deliveriesDropped(int dropped, String key);

  @LogMessage(level = Level.WARN)
  @Message(id = 15, value = "Delivery for %s failed: %s")
  void orderedDeliveryFailed(String key, String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 16, value = "Refusals pile up: %d dropped unanswered so far")
  void refusalsDropped(long dropped);

  @LogMessage(level = Level.WARN)
  @Message(id = 17, value = "Could not schedule answers to refused messages: %s")
  void refusalAnswersNotScheduled(String reason);

  @LogMessage(level = Level.WARN)
  @Message(id = 18, value = "Answering %d refused messages failed: %s")
  void refusalAnswersFailed(int count, String reason);

  @LogMessage(level = Level.DEBUG)
  @Message(id = 19, value = "Dropped a presence of %s: too many of its stanzas wait")
  void presenceDropped(String sender);

  @LogMessage(level = Level.WARN)
  @Message(id = 20, value = "Could not schedule a delivery for %s: %s")
  void deliveryNotScheduled(String queue, String reason);
}
