package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * Small files uploaded as a client uploads them: one multipart/form-data part to the upload URL.
 */
final class Uploads {

  static final String UPLOAD = "/upload/mobileFileUpload";

  private Uploads() {}

  /** Uploads one file with this token (none when null); the server's answer, whatever it is. */
  static Http.Answer post(String token, String fileName, String contentType, String content)
      throws Exception {
    String boundary = "----tlim-it-" + Envelopes.newId();
    String body =
        "--"
            + boundary
            + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\n"
            + "Content-Type: "
            + contentType
            + "\r\n\r\n"
            + content
            + "\r\n"
            + "--"
            + boundary
            + "--\r\n";
    return Http.send(
        HttpRequest.newBuilder(TestEnvironment.HTTP.resolve(UPLOAD))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
        token);
  }

  /** A small text note uploaded with this token; its fileId, once the upload was a 200. */
  static String note(String token) throws Exception {
    Http.Answer answer = post(token, "note.txt", "text/plain", "hello");
    assertEquals(200, answer.status(), answer.json().toString());
    return answer.json().path("fileId").asText();
  }
}
