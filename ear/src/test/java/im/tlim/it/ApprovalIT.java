package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The approval workflow: approval and approvalBack go through the tlim.approval JMS queue and reach
 * the recipient as a stored MTB-000 from system, over XMPP and in the offline store.
 */
class ApprovalIT extends BlackBoxTest {

  static final String PARAMS =
      "[{\"bizId\":\"b-1\",\"docTitle\":\"出差申请\",\"solId\":\"s-1\",\"spType\":\"1052M001\",\"wzType\":\"\",\"taskId\":\"t-1\"}]";

  @Test
  void approvalNoticesReachTheRecipient() throws Exception {
    try (XmppClient bob = XmppClient.online("bob", "mobile")) {
      assertEquals(
          "ok", Http.postForm("approval", Map.of("msg_to", "bob", "params", PARAMS)).result());
      XmppClient.Received notice =
          bob.await(
              r -> r.type().equals("MTB-000") && r.bodyText("taskId").equals("t-1"),
              Duration.ofSeconds(30));
      assertEquals("system", notice.envelope().path("msg_from").asText());
      assertEquals("出差申请", notice.bodyText("docTitle"));
      String msgId = notice.envelope().path("msg_id").asText();
      JsonNode offline =
          Http.get("getOffline", Map.of("user_id", "bob", "getThenClear", "1", "length", "1000"))
              .json();
      ReceiptsAndRecallIT.find(offline.path("message_list"), msgId);

      assertEquals(
          "ok",
          Http.postJson(
                  "approvalBack",
                  "{params:{taskId:'t-2', actId:'a-1', comment:'please fix', fieldName:'', userId:'bob', bizId:'b-1'}}")
              .result());
      XmppClient.Received back =
          bob.await(
              r -> r.type().equals("MTB-000") && r.bodyText("taskId").equals("t-2"),
              Duration.ofSeconds(30));
      assertEquals("please fix", back.bodyText("comment"));
    }
  }

  @Test
  void badApprovalRequestsGetTheirCodes() throws Exception {
    assertEquals("error-008", Http.postForm("approval", Map.of("params", PARAMS)).detail());
    assertEquals(
        "error-013",
        Http.postForm("approval", Map.of("msg_to", "nobody-here", "params", PARAMS)).detail());
    assertEquals(
        "error-026",
        Http.postForm("approval", Map.of("msg_to", "bob", "params", "{not json")).detail());
    assertEquals(
        "error-000", Http.postForm("approval", Map.of("msg_to", "bob", "params", "[]")).detail());
    assertEquals("error-008", Http.postJson("approvalBack", "{params:{taskId:'t'}}").detail());
  }
}
