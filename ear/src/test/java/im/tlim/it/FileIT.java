package im.tlim.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Files over HTTP as a mobile client sends them: a multipart upload answered with a fileId, the
 * download with its type, UTF-8 name and byte ranges, the size limit, and a file larger than the
 * server's heap streamed both ways.
 */
class FileIT extends BlackBoxTest {

  private static final String MAX_BYTES = "tlim.files.max-bytes";
  private static final long MIB = 1024 * 1024;
  // HTTP/1.1 as mobile clients speak it; a body of unknown length goes chunked
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @ArquillianResource private ManagementClient management;

  @Test
  void uploadedFileComesBackWholeWithItsTypeAndUtf8Name() throws Exception {
    String name = "季度报告 " + UUID.randomUUID() + ".txt";
    byte[] content = "你好, file!\n".repeat(50).getBytes(StandardCharsets.UTF_8);

    Answer upload =
        upload(BodyPublishers.ofByteArray(multipart(content, name, "text/plain; charset=UTF-8")));
    assertEquals(200, upload.status(), upload.json().toString());
    assertTrue(upload.contentType().toLowerCase().contains("utf-8"), upload.contentType());
    assertEquals("ok", upload.json().path("result").asText());
    assertEquals("", upload.json().path("result_detail").asText());
    String fileId = upload.json().path("fileId").asText();
    assertTrue(fileId.matches("[0-9a-f]{32}"), fileId);
    assertEquals(
        new StoredRow(name, "text/plain; charset=UTF-8", content.length), storedRow(fileId));

    HttpResponse<byte[]> download =
        CLIENT.send(download(fileId).build(), BodyHandlers.ofByteArray());
    assertEquals(200, download.statusCode());
    assertEquals(
        "text/plain;charset=utf-8",
        header(download, "Content-Type").replace(" ", "").toLowerCase());
    assertEquals(Long.toString(content.length), header(download, "Content-Length"));
    assertEquals("bytes", header(download, "Accept-Ranges"));
    String disposition = header(download, "Content-Disposition");
    assertTrue(disposition.startsWith("attachment; filename=\""), disposition);
    String encoded =
        disposition.substring(
            disposition.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());
    assertTrue(encoded.matches("[A-Za-z0-9%!#$&+\\-.^_`|~]+"), "percent-encoded: " + encoded);
    assertEquals(name, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    assertArrayEquals(content, download.body());

    HttpResponse<byte[]> head =
        CLIENT.send(
            download(fileId).method("HEAD", BodyPublishers.noBody()).build(),
            BodyHandlers.ofByteArray());
    assertEquals(200, head.statusCode());
    assertEquals(Long.toString(content.length), header(head, "Content-Length"));
    assertEquals(0, head.body().length);
  }

  @Test
  void imageMessagesMustNameAStoredFile() throws Exception {
    Answer upload =
        upload(BodyPublishers.ofByteArray(multipart(new byte[] {1, 2, 3}, "pic.png", "image/png")));
    String fileId = upload.json().path("fileId").asText();
    try (XmppClient bob = XmppClient.online("bob", "mobile");
        XmppClient alice = XmppClient.online("alice", "mobile")) {
      bob.awaitMsgId(
          alice.sendOk(Envelopes.image("alice", "bob", Envelopes.newId(), fileId), null));

      String unknownFile = "[{\"file_id\":\"0123456789abcdef0123456789abcdef\"}]";
      JsonNode refused =
          alice.answerTo(
              Envelopes.envelope("alice", "bob", Envelopes.newId(), "MTT-002", unknownFile), null);
      assertEquals("error-023", refused.path("result_detail").asText());
    }
  }

  @Test
  void withoutATypeFromTheClientItIsGuessedFromTheName() throws Exception {
    byte[] content = {(byte) 0x89, 'P', 'N', 'G'};
    String unlabelled =
        upload(BodyPublishers.ofByteArray(multipart(content, "picture.png", null)))
            .json()
            .path("fileId")
            .asText();
    String octets =
        upload(
                BodyPublishers.ofByteArray(
                    multipart(content, "notes.txt", "application/octet-stream")))
            .json()
            .path("fileId")
            .asText();
    String unknown =
        upload(BodyPublishers.ofByteArray(multipart(content, "data.tlim-unknown", null)))
            .json()
            .path("fileId")
            .asText();

    assertEquals(
        "image/png",
        header(
            CLIENT.send(download(unlabelled).build(), BodyHandlers.discarding()), "Content-Type"));
    assertEquals(
        "text/plain",
        header(CLIENT.send(download(octets).build(), BodyHandlers.discarding()), "Content-Type"));
    assertEquals(
        "application/octet-stream",
        header(CLIENT.send(download(unknown).build(), BodyHandlers.discarding()), "Content-Type"));
  }

  @Test
  void byteRangesAreServedAndUnsatisfiableOnesRefused() throws Exception {
    byte[] content = new byte[1000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 7);
    }
    String fileId =
        upload(BodyPublishers.ofByteArray(multipart(content, "ranges.bin", "application/x-test")))
            .json()
            .path("fileId")
            .asText();
    int size = content.length;

    HttpResponse<byte[]> middle = ranged(fileId, "bytes=10-19");
    assertEquals(206, middle.statusCode());
    assertEquals("bytes 10-19/" + size, header(middle, "Content-Range"));
    assertEquals("10", header(middle, "Content-Length"));
    assertEquals("bytes", header(middle, "Accept-Ranges"));
    assertArrayEquals(Arrays.copyOfRange(content, 10, 20), middle.body());

    HttpResponse<byte[]> last = ranged(fileId, "bytes=-5");
    assertEquals(206, last.statusCode());
    assertEquals(
        "bytes " + (size - 5) + "-" + (size - 1) + "/" + size, header(last, "Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(content, size - 5, size), last.body());

    HttpResponse<byte[]> rest = ranged(fileId, "bytes=990-");
    assertEquals(206, rest.statusCode());
    assertArrayEquals(Arrays.copyOfRange(content, 990, size), rest.body());

    HttpResponse<byte[]> pastTheEnd = ranged(fileId, "bytes=" + size + "-");
    assertEquals(416, pastTheEnd.statusCode());
    assertEquals("bytes */" + size, header(pastTheEnd, "Content-Range"));
    assertEquals("bytes", header(pastTheEnd, "Accept-Ranges"));

    assertEquals(416, ranged(fileId, "bytes=20-10").statusCode());
    assertEquals(
        200, ranged(fileId, "bytes=0-1,5-6").statusCode(), "several ranges: the whole file");
  }

  @Test
  void unknownFileIsRefusedWith404AndError023() throws Exception {
    HttpResponse<String> response =
        CLIENT.send(
            download("no-such-file-" + UUID.randomUUID()).build(),
            BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(404, response.statusCode());
    assertTrue(header(response, "Content-Type").toLowerCase().contains("application/json"));
    JsonNode json = XmppClient.JSON.readTree(response.body());
    assertEquals("fail", json.path("result").asText());
    assertEquals("error-023", json.path("result_detail").asText());
  }

  @Test
  void uploadsOverTheLimitAreRefusedWith413AndNothingIsKept() throws Exception {
    ModelNode configured = maxFileBytes();
    long filesBefore = storedFiles();
    try {
      setMaxFileBytes(new ModelNode(Long.toString(MIB)));

      // a declared length over the limit: refused before the body is read
      String declared = "declared-" + UUID.randomUUID() + ".bin";
      Answer fixed =
          upload(BodyPublishers.ofByteArray(multipart(new byte[(int) (3 * MIB)], declared, null)));
      assertEquals(413, fixed.status(), fixed.json().toString());
      assertEquals("fail", fixed.json().path("result").asText());
      assertEquals("error-018", fixed.json().path("result_detail").asText());

      // chunked, so only counting can tell: refused once the limit is passed
      String streamed = "streamed-" + UUID.randomUUID() + ".bin";
      Answer chunked =
          upload(
              streamedMultipart(
                  () -> new GeneratedContent(2 * MIB, 1), streamed, new AtomicReference<>()));
      assertEquals(413, chunked.status(), chunked.json().toString());
      assertEquals("error-018", chunked.json().path("result_detail").asText());

      assertEquals(0, rowsNamed(declared) + rowsNamed(streamed), "no row recorded");
      assertEquals(filesBefore, storedFiles(), "no file kept");
      Path incoming = TestEnvironment.FILES_DIR.resolve("incoming");
      if (Files.isDirectory(incoming)) {
        try (Stream<Path> partial = Files.list(incoming)) {
          assertEquals(List.of(), partial.toList(), "no partial upload left");
        }
      }

      // a file of exactly the limit is fine
      Answer exact =
          upload(BodyPublishers.ofByteArray(multipart(new byte[(int) MIB], "exact.bin", null)));
      assertEquals(200, exact.status(), exact.json().toString());
    } finally {
      setMaxFileBytes(configured);
    }
  }

  @Test
  void uploadOfDeclaredLengthOverTheServletContainersDefaultLimitIsAccepted() throws Exception {
    // Undertow refuses a declared Content-Length over its max-post-size (10 MB by default)
    // before the application runs; the configuration turns that limit off
    long size = 24 * MIB;
    AtomicReference<MessageDigest> sent = new AtomicReference<>();
    BodyPublisher body =
        streamedMultipart(() -> new GeneratedContent(size, 7), "declared.bin", sent);
    long length = head("declared.bin", "application/octet-stream").length + size + tail().length;
    Answer upload = upload(BodyPublishers.fromPublisher(body, length));
    assertEquals(200, upload.status(), upload.json().toString());
    String fileId = upload.json().path("fileId").asText();
    assertEquals(size, storedRow(fileId).sizeBytes());

    HttpResponse<byte[]> tail = ranged(fileId, "bytes=-1000");
    assertEquals(206, tail.statusCode());
    byte[] expected = new GeneratedContent(size, 7).skipTo(size - 1000).readAllBytes();
    assertArrayEquals(expected, tail.body());
  }

  @Test
  void theApiStillRefusesBodiesOverTenMebibytes() throws Exception {
    String form = "session_id=alice&user_id=bob&padding=" + "x".repeat((int) (10 * MIB));
    URI uri = TestEnvironment.HTTP.resolve("/plugins/tlim/findChatHistory");
    for (BodyPublisher body :
        List.of(
            BodyPublishers.ofString(form),
            BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8))))) {
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(uri)
                  .header("Authorization", TestEnvironment.bearer(TestEnvironment.serviceToken()))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(body)
                  .build(),
              BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertEquals(413, response.statusCode(), response.body());
      assertEquals(
          "error-018", XmppClient.JSON.readTree(response.body()).path("result_detail").asText());
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void fileLargerThanTheServersHeapIsStreamedBothWays() throws Exception {
    ModelNode readHeap =
        ServerModel.operation("read-attribute", "core-service", "platform-mbean", "type", "memory");
    readHeap.get("name").set("heap-memory-usage");
    long heap = management.getControllerClient().execute(readHeap).get("result", "max").asLong();
    long size = 1200 * MIB;
    assertTrue(
        size > heap,
        "the file (" + size + ") must be larger than the server's heap (" + heap + ")");

    ModelNode configured = maxFileBytes();
    try {
      setMaxFileBytes(new ModelNode(Long.toString(2 * size)));
      AtomicReference<MessageDigest> sent = new AtomicReference<>();
      Answer upload =
          upload(streamedMultipart(() -> new GeneratedContent(size, 42), "big.bin", sent));
      assertEquals(200, upload.status(), upload.json().toString());
      String fileId = upload.json().path("fileId").asText();
      assertEquals(size, storedRow(fileId).sizeBytes());

      HttpResponse<InputStream> download =
          CLIENT.send(download(fileId).build(), BodyHandlers.ofInputStream());
      assertEquals(200, download.statusCode());
      assertEquals(Long.toString(size), header(download, "Content-Length"));
      MessageDigest received = MessageDigest.getInstance("SHA-256");
      long count = 0;
      try (InputStream in = new DigestInputStream(download.body(), received)) {
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          count += n;
        }
      }
      assertEquals(size, count);
      assertArrayEquals(sent.get().digest(), received.digest(), "the same bytes came back");
    } finally {
      setMaxFileBytes(configured);
    }
  }

  // ---- HTTP ------------------------------------------------------------------------------

  record Answer(int status, String contentType, JsonNode json) {}

  private static final String BOUNDARY = "----tlim-it-" + UUID.randomUUID();

  private static Answer upload(BodyPublisher body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(TestEnvironment.HTTP.resolve("/upload/mobileFileUpload"))
            .header("Authorization", TestEnvironment.bearer(TestEnvironment.serviceToken()))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(body)
            .build();
    HttpResponse<String> response =
        CLIENT.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(
        response.statusCode(),
        header(response, "Content-Type"),
        XmppClient.JSON.readTree(response.body()));
  }

  private static HttpRequest.Builder download(String fileId) {
    URI uri =
        TestEnvironment.HTTP.resolve(
            "/upload/mobileFileDownload?fileId="
                + URLEncoder.encode(fileId, StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri)
        .header("Authorization", TestEnvironment.bearer(TestEnvironment.serviceToken()));
  }

  private static HttpResponse<byte[]> ranged(String fileId, String range) throws Exception {
    return CLIENT.send(download(fileId).header("Range", range).build(), BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("");
  }

  /** A form with a plain field before the file, as forms send it. */
  private static byte[] multipart(byte[] content, String fileName, String contentType) {
    byte[] head = head(fileName, contentType);
    byte[] tail = tail();
    byte[] body = Arrays.copyOf(head, head.length + content.length + tail.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return body;
  }

  /**
   * The same form, its file made as it is sent (never held whole here either); {@code sent}
   * receives the digest of the bytes sent.
   */
  private static BodyPublisher streamedMultipart(
      Supplier<InputStream> content, String fileName, AtomicReference<MessageDigest> sent) {
    return BodyPublishers.ofInputStream(
        () -> {
          MessageDigest digest = sha256();
          sent.set(digest);
          return new SequenceInputStream(
              Collections.enumeration(
                  List.of(
                      new ByteArrayInputStream(head(fileName, "application/octet-stream")),
                      new DigestInputStream(content.get(), digest),
                      new ByteArrayInputStream(tail()))));
        });
  }

  private static byte[] head(String fileName, String contentType) {
    return ("--"
            + BOUNDARY
            + "\r\n"
            + "Content-Disposition: form-data; name=\"description\"\r\n\r\n"
            + "uploaded by FileIT\r\n"
            + "--"
            + BOUNDARY
            + "\r\n"
            + "Content-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
            + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] tail() {
    return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code size} pseudo-random bytes (xorshift), made as they are read. */
  private static final class GeneratedContent extends InputStream {
    private final long size;
    private long position;
    private long state;
    private long word;

    GeneratedContent(long size, long seed) {
      this.size = size;
      this.state = seed | 1;
    }

    /** Generates and drops the bytes before {@code position}. */
    GeneratedContent skipTo(long position) {
      byte[] scratch = new byte[64 * 1024];
      while (this.position < position) {
        read(scratch, 0, (int) Math.min(scratch.length, position - this.position));
      }
      return this;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - position);
      for (int i = 0; i < n; i++, position++) {
        int shift = (int) (position & 7);
        if (shift == 0) {
          state ^= state << 13;
          state ^= state >>> 7;
          state ^= state << 17;
          word = state;
        }
        b[off + i] = (byte) (word >>> (shift * 8));
      }
      return n;
    }
  }

  // ---- server state ----------------------------------------------------------------------

  private ModelNode maxFileBytes() throws IOException {
    // unresolved: the configured expression is restored as it was
    return ServerModel.readAttribute(management, "value", "system-property", MAX_BYTES);
  }

  private void setMaxFileBytes(ModelNode value) throws IOException {
    ServerModel.writeAttribute(management, "value", value, "system-property", MAX_BYTES);
  }

  record StoredRow(String fileName, String contentType, long sizeBytes) {}

  private static StoredRow storedRow(String fileId) throws Exception {
    List<List<String>> rows =
        TestEnvironment.rows(
            "select file_name, content_type, size_bytes from tlim_file where file_id = ?", fileId);
    assertFalse(rows.isEmpty(), "a row for " + fileId);
    List<String> row = rows.get(0);
    return new StoredRow(row.get(0), row.get(1), Long.parseLong(row.get(2)));
  }

  private static int rowsNamed(String fileName) throws Exception {
    return TestEnvironment.count("select count(*) from tlim_file where file_name = ?", fileName);
  }

  /** Files in the files directory, partial ones included. */
  private static long storedFiles() throws IOException {
    if (!Files.isDirectory(TestEnvironment.FILES_DIR)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(TestEnvironment.FILES_DIR)) {
      return all.filter(Files::isRegularFile).count();
    }
  }
}
