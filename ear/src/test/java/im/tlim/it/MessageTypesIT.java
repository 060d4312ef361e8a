package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The message types no other test sends, as clients send them (SPEC §3): MTT-003 a 1:1 voice
 * message, MTS-001/002/003 a group's image, file and voice, MTB-001 a "moments" forward (free-form,
 * stored and relayed like a 1:1 message). Each is answered ok, reaches the recipient's device, and
 * is stored once in the history the recipient reads with their own token; a file type naming no
 * uploaded file is refused with error-023, stored nowhere and sent to no one.
 */
class MessageTypesIT extends AliceAndBobOnline {

  MessageTypesIT() {
    super("mobile", "mobile");
  }

  @Test
  void voiceMessageMtt003() throws Exception {
    String fileId = upload("alice", "hello.amr", "audio/amr");
    String id = Envelopes.newId();
    alice.send(
        Envelopes.envelope("alice", "bob", id, "MTT-003", "[{\"file_id\":\"" + fileId + "\"}]"),
        "mobile");
    assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
    XmppClient.Received copy = bob.awaitMsgId(id);
    assertEquals("MTT-003", copy.type());
    assertEquals(fileId, copy.bodyText("file_id"));
    JsonNode stored = inChatHistory("bob", "alice", id);
    assertEquals("MTT-003", stored.path("msg_type").asText());
    assertEquals(1, TestEnvironment.storedMessages(id));
    refusedWithUnknownFile("MTT-003", "bob", null);
  }

  @Test
  void groupImageFileAndVoiceMts001To003() throws Exception {
    String group = Groups.byCreator("alice", "bob");
    for (String type : List.of("MTS-001", "MTS-002", "MTS-003")) {
      String fileId = upload("alice", type + ".bin", "application/octet-stream");
      String id = Envelopes.newId();
      alice.send(
          Envelopes.envelope(
              "alice",
              group,
              id,
              type,
              "[{\"session_id\":\"" + group + "\",\"file_id\":\"" + fileId + "\"}]"),
          "mobile");
      assertEquals("ok", alice.awaitAnswer(id).path("result").asText(), type);
      XmppClient.Received copy = bob.awaitMsgId(id);
      assertEquals(type, copy.type());
      assertEquals(
          "bob", copy.envelope().path("msg_to").asText(), "the member's copy is addressed to them");
      assertEquals(fileId, copy.bodyText("file_id"));
      JsonNode history = Http.historyAs("bob", "findSessionHistory", group);
      assertEquals(
          type,
          ReceiptsAndRecallIT.find(history.path("message_list"), id).path("msg_type").asText());
      assertEquals(1, TestEnvironment.storedMessages(id), type + " is stored once");
      refusedWithUnknownFile(type, group, group);
    }
  }

  @Test
  void momentsForwardMtb001() throws Exception {
    String id = Envelopes.newId();
    String body =
        "[{\"moment_id\":\"m-42\",\"title\":\"a post\",\"url\":\"https://intranet.example.com/m/42\"}]";
    alice.send(Envelopes.envelope("alice", "bob", id, "MTB-001", body), "mobile");
    assertEquals("ok", alice.awaitAnswer(id).path("result").asText());
    XmppClient.Received copy = bob.awaitMsgId(id);
    assertEquals("MTB-001", copy.type());
    assertEquals("alice", copy.envelope().path("msg_from").asText());
    assertEquals("m-42", copy.bodyText("moment_id"), "relayed as it was sent");
    JsonNode stored = inChatHistory("bob", "alice", id);
    assertEquals("MTB-001", stored.path("msg_type").asText());
    assertTrue(stored.path("body").asText().contains("m-42"), stored.toString());
    assertEquals(1, TestEnvironment.storedMessages(id));
    // stored like a 1:1 message: it waits in bob's offline store until acknowledged
    JsonNode offline =
        Http.getAs(
                TestEnvironment.userToken("bob"),
                "getOffline",
                Map.of("user_id", "bob", "getThenClear", "1", "length", "1000"))
            .json();
    assertEquals(
        "MTB-001",
        ReceiptsAndRecallIT.find(offline.path("message_list"), id).path("msg_type").asText());
  }

  /**
   * A file type naming no uploaded file is answered error-023, stored nowhere, and reaches no one:
   * a good marker sent after it reaches bob with nothing of it before.
   */
  private void refusedWithUnknownFile(String type, String to, String group) throws Exception {
    String id = Envelopes.newId();
    String missing = "0123456789abcdef0123456789abcdef";
    String body =
        group == null
            ? "[{\"file_id\":\"" + missing + "\"}]"
            : "[{\"session_id\":\"" + group + "\",\"file_id\":\"" + missing + "\"}]";
    alice.send(Envelopes.envelope("alice", to, id, type, body), "mobile");
    assertEquals("error-023", alice.awaitAnswer(id).path("result_detail").asText(), type);
    assertEquals(0, TestEnvironment.storedMessages(id), "nothing stored");
    String marker = Envelopes.newId();
    alice.send(
        group == null
            ? Envelopes.text("alice", to, marker, "marker")
            : GroupMessageIT.groupText("alice", group, marker, "marker"),
        "mobile");
    alice.awaitAnswer(marker);
    bob.awaitMsgId(marker);
    assertTrue(
        bob.drain().stream().noneMatch(r -> r.envelope().path("msg_id").asText().equals(id)),
        "bob received the refused " + type);
  }

  private static JsonNode inChatHistory(String reader, String peer, String id) throws Exception {
    JsonNode history = Http.historyAs(reader, "findChatHistory", peer);
    return ReceiptsAndRecallIT.find(history.path("message_list"), id);
  }

  /** Uploads a small file as the user does (multipart, their own token); its fileId. */
  private static String upload(String user, String fileName, String contentType) throws Exception {
    return Uploads.post(
            TestEnvironment.userToken(user), fileName, contentType, "content of " + fileName)
        .assertOk()
        .path("fileId")
        .asText();
  }
}
