package im.tlim.xmpp.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.tlim.xmpp.api.XmppAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentSettingsTest {

  private static final String SECRET = "s3cr3t-Sh4red";

  private static ComponentSettings valid() {
    return validBut(5275, Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** Valid settings but for the port and the reconnect delays. */
  private static ComponentSettings validBut(int port, Duration minDelay, Duration maxDelay) {
    return new ComponentSettings(
        "xmpp.internal",
        port,
        "example.com",
        "tlim",
        SECRET,
        Duration.ofSeconds(10),
        minDelay,
        maxDelay,
        Duration.ofSeconds(30));
  }

  private static boolean anyMentions(List<String> problems, String word) {
    return problems.stream().anyMatch(p -> p.contains(word));
  }

  @Test
  void theSecretIsAConfidentialPropertyAndNeverPrinted() throws Exception {
    jakarta.resource.spi.ConfigProperty property =
        XmppResourceAdapter.class
            .getDeclaredField("componentSecret")
            .getAnnotation(jakarta.resource.spi.ConfigProperty.class);
    assertTrue(property.confidential(), "tools and the container mask a confidential property");
    XmppResourceAdapter adapter = new XmppResourceAdapter();
    adapter.setComponentSecret(SECRET);
    assertFalse(adapter.settings().toString().contains(SECRET));
    assertFalse(String.valueOf(adapter.settings().problems()).contains(SECRET));
  }

  @Test
  void validSettingsHaveNoProblems() {
    assertEquals(List.of(), valid().problems());
  }

  @Test
  void equalMinAndMaxDelayIsValid() {
    ComponentSettings equal = validBut(5275, Duration.ofSeconds(5), Duration.ofSeconds(5));

    assertEquals(List.of(), equal.problems());
  }

  @Test
  void everyProblemIsListedAtOnce() {
    ComponentSettings bad =
        new ComponentSettings(
            "",
            0,
            "",
            "tlim.service",
            "",
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    List<String> problems = bad.problems();

    assertEquals(6, problems.size(), problems::toString);
    assertTrue(anyMentions(problems, "xmppHost"), problems::toString);
    assertTrue(anyMentions(problems, "xmppPort 0"), problems::toString);
    assertTrue(anyMentions(problems, "xmppDomain"), problems::toString);
    assertTrue(anyMentions(problems, "componentName"), problems::toString);
    assertTrue(anyMentions(problems, "componentSecret"), problems::toString);
    assertTrue(anyMentions(problems, "reconnect delays"), problems::toString);
  }

  @Test
  void portAboveTheTcpRangeIsAProblem() {
    ComponentSettings bad = validBut(65536, Duration.ofSeconds(1), Duration.ofSeconds(60));

    assertEquals(List.of("xmppPort 65536 is not a TCP port"), bad.problems());
  }

  @Test
  void zeroMinDelayIsAProblem() {
    ComponentSettings bad = validBut(5275, Duration.ZERO, Duration.ofSeconds(60));

    assertEquals(1, bad.problems().size());
    assertTrue(anyMentions(bad.problems(), "reconnect delays"));
  }

  @Test
  void toStringNeverContainsTheSecret() {
    String text = valid().toString();

    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("tlim.example.com"), text);
  }

  @Test
  void serviceAddressIsComponentDotDomain() {
    assertEquals("tlim.example.com", valid().serviceAddress());
  }

  @Test
  void handshakeDigestIsFortyLowerCaseHexChars() {
    String digest = ComponentStream.handshakeDigest("3BF96D32", SECRET);

    assertEquals(40, digest.length());
    assertTrue(digest.matches("[0-9a-f]{40}"), digest);
  }

  @Test
  void handshakeDigestIsSha1HexOfStreamIdAndSecret() throws Exception {
    String streamId = "3BF96D32";
    byte[] hash =
        MessageDigest.getInstance("SHA-1")
            .digest((streamId + SECRET).getBytes(StandardCharsets.UTF_8));
    StringBuilder expected = new StringBuilder();
    for (byte b : hash) {
      expected
          .append(Character.forDigit((b >> 4) & 0xf, 16))
          .append(Character.forDigit(b & 0xf, 16));
    }

    assertEquals(expected.toString(), ComponentStream.handshakeDigest(streamId, SECRET));
  }

  @Test
  void parseFullAddress() {
    XmppAddress a = XmppAddress.parse("a@b/c");

    assertEquals("a", a.local());
    assertEquals("b", a.domain());
    assertEquals("c", a.resource());
    assertEquals("a@b", a.bare());
    assertEquals("a@b/c", a.toString());
  }

  @Test
  void parseDomainOnly() {
    XmppAddress a = XmppAddress.parse("b");

    assertNull(a.local());
    assertEquals("b", a.domain());
    assertNull(a.resource());
    assertEquals("b", a.bare());
  }

  @Test
  void parseBareAddress() {
    XmppAddress a = XmppAddress.parse("a@b");

    assertEquals("a", a.local());
    assertEquals("b", a.domain());
    assertNull(a.resource());
    assertEquals("a@b", a.toString());
  }
}
