package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sender that floods the service over XMPP: far more envelopes, far faster, than its rate or the
 * adapter's per-sender queue (200) allows. Each envelope is answered exactly once, ok or error-024
 * (refused before queueing, or over the rate); what was answered ok is stored and nothing else;
 * another sender is served meanwhile, and the flooder again once its bucket refills.
 */
class InboundFloodIT extends BlackBoxTest {

  private static final int FLOOD = 3000;

  @Test
  void aFloodIsAnsweredInFullAndOnlyWhatWasAcceptedIsStored() throws Exception {
    TestEnvironment.knownUsers("dave", "erin");
    try (XmppClient dave = XmppClient.online("dave", "flood");
        XmppClient erin = XmppClient.online("erin", "mobile")) {
      String[] ids = new String[FLOOD];
      for (int i = 0; i < FLOOD; i++) {
        ids[i] = Envelopes.newId();
        dave.send(Envelopes.text("dave", "erin", ids[i], "flood " + i), "mobile");
      }
      // another sender is not held up behind the flood
      String bystander = Envelopes.newId();
      erin.send(Envelopes.text("erin", "dave", bystander, "meanwhile"), "mobile");
      assertEquals("ok", erin.awaitAnswer(bystander).path("result").asText());

      Thread.sleep(3000); // dave's bucket refills
      String marker = Envelopes.newId();
      dave.send(Envelopes.text("dave", "erin", marker, "marker"), "mobile");
      Map<String, Integer> answersById = new HashMap<>();
      Set<String> ok = new HashSet<>();
      int refusedWithId = 0;
      int refusedWithoutId = 0;
      // the marker's answer comes after every answer to the flood (one lane, in order; refusals
      // before queueing were answered while the flood was still arriving)
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      boolean markerAnswered = false;
      while (!markerAnswered) {
        assertTrue(System.nanoTime() < deadline, "the marker was not answered");
        XmppClient.Received next = dave.next(Duration.ofSeconds(30));
        assertTrue(next != null, "answers stopped before the marker's");
        if (!next.type().equals("MTC-001")) {
          continue;
        }
        var answer = next.envelope().path("body").path(0);
        String id = answer.path("msg_id").asText("");
        if (id.equals(marker)) {
          assertEquals("ok", answer.path("result").asText(), answer.toString());
          markerAnswered = true;
          continue;
        }
        if (answer.path("result").asText().equals("ok")) {
          ok.add(id);
        } else {
          assertEquals("error-024", answer.path("result_detail").asText(), answer.toString());
          if (id.isEmpty()) {
            refusedWithoutId++;
          } else {
            refusedWithId++;
          }
        }
        if (!id.isEmpty()) {
          answersById.merge(id, 1, Integer::sum);
        }
      }
      int answered = ok.size() + refusedWithId + refusedWithoutId;
      String counts =
          ok.size()
              + " ok, "
              + refusedWithId
              + " refused before queueing, "
              + refusedWithoutId
              + " over the rate";
      System.out.println("InboundFloodIT: " + counts);
      assertEquals(FLOOD, answered, "every envelope answered once: " + counts);
      answersById.forEach((id, n) -> assertEquals(1, n, "answered " + n + " times: " + id));
      assertTrue(ok.size() >= 50 && ok.size() < FLOOD, counts);
      // only the adapter's refusals name the msg_id (the rate limiter's answer names none): the
      // flood outran the per-sender bound and was refused before queueing
      assertTrue(refusedWithId > 0, "nothing was refused before queueing: " + counts);
      assertEquals(
          ok.size(),
          TestEnvironment.storedMessages(ids),
          "stored exactly what was accepted: " + counts);
      assertEquals(1, TestEnvironment.storedMessages(marker));
      List<String> flood = List.of(ids);
      assertTrue(ok.stream().allMatch(flood::contains));
    }
  }

  /** erin's offline store holds what was accepted; later tests read her store from its start. */
  @AfterEach
  void clearErinsOfflineStore() throws Exception {
    boolean more = true;
    for (int page = 0; more; page++) {
      assertTrue(page < 100, "erin's offline store does not empty");
      more =
          Http.get("getOffline", Map.of("user_id", "erin", "getThenClear", "0", "length", "1000"))
              .json()
              .path("has_more")
              .asBoolean();
    }
  }
}
