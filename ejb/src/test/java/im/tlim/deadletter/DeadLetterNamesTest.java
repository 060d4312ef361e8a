package im.tlim.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class DeadLetterNamesTest {

  @Test
  void theOriginalQueueIsNamedAsInJms() {
    assertEquals("tlim.push", DeadLetterService.jmsName("jms.queue.tlim.push"));
    assertEquals("tlim.delivery", DeadLetterService.jmsName("tlim.delivery"));
    assertEquals("unknown", DeadLetterService.jmsName(null));
  }

  @Test
  void aFailureIsDescribedWithItsCausesOutermostFirst() {
    String reason =
        FirstFailures.describe(
            new EJBException(
                "push gateway unreachable; will retry",
                new ConnectException("Connection refused")));
    assertEquals(
        "EJBException: push gateway unreachable; will retry <- ConnectException: Connection refused",
        reason);
  }

  @Test
  void aLongChainIsCutNearTheColumnsSize() {
    Throwable failure = new IllegalStateException("x".repeat(1500));
    failure = new IllegalStateException("y".repeat(1500), failure);
    String reason = FirstFailures.describe(new IllegalStateException("z".repeat(1500), failure));
    assertTrue(reason.startsWith("IllegalStateException: zzz"), reason.substring(0, 40));
    assertTrue(reason.length() < 2 * DeadLetter.MAX_REASON, "stops once past the column's size");
  }
}
