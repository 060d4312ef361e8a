package im.tlim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.xmlpull.mxp1.MXParser;
import org.xmlpull.v1.XmlPullParser;
import org.xmlpull.v1.XmlPullParserException;

/**
 * The protocol's floor on this machine: an XEP-0114 component that does what tlim does on the wire
 * and nothing else. For every envelope it reads the JSON, answers the sender MTC-001 ok and
 * forwards the envelope to its msg_to, storing nothing. A message through it crosses the XMPP
 * server twice and causes an answer, like one through tlim, so the rate through it is the most any
 * service of this protocol can reach here, with the same Prosody and the same clients.
 *
 * <p>{@code java -cp tlim-bench.jar im.tlim.bench.Relay host port component-domain secret
 * user-domain}; runs until killed.
 */
public final class Relay {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String component = args[2];
    String secret = args[3];
    String userDomain = args[4];
    try (Socket socket = new Socket(host, port)) {
      socket.setTcpNoDelay(true);
      Writer out =
          new BufferedWriter(
              new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
      XmlPullParser in = new MXParser();
      in.setFeature(XmlPullParser.FEATURE_PROCESS_NAMESPACES, true);
      in.setInput(
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16));
      out.write(
          "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' to='"
              + component
              + "'>");
      out.flush();
      while (in.next() != XmlPullParser.START_TAG) {
        // up to <stream:stream>
      }
      String streamId = in.getAttributeValue(null, "id");
      out.write("<handshake>" + sha1Hex(streamId + secret) + "</handshake>");
      out.flush();
      System.out.println("relay " + component + " connected");
      relay(in, out, component, userDomain);
    }
  }

  private static void relay(XmlPullParser in, Writer out, String component, String userDomain)
      throws IOException, XmlPullParserException {
    while (true) {
      int event = in.next();
      if (event == XmlPullParser.END_DOCUMENT) {
        return;
      }
      if (event != XmlPullParser.START_TAG
          || in.getDepth() != 2
          || !"message".equals(in.getName())) {
        continue;
      }
      String from = in.getAttributeValue(null, "from");
      String body = null;
      while (!(in.next() == XmlPullParser.END_TAG && in.getDepth() == 2)) {
        if (in.getEventType() == XmlPullParser.START_TAG && "body".equals(in.getName())) {
          body = in.nextText();
        }
      }
      if (from == null || body == null) {
        continue;
      }
      JsonNode envelope = JSON.readTree(body);
      String msgId = envelope.path("msg_id").asText();
      String sender = envelope.path("msg_from").asText();
      String answer =
          JSON.createObjectNode()
              .put("compress", "0")
              .put("encode", "1")
              .put("encrypt", "0")
              .put("version", "2.0.0")
              .put("msg_from", "system")
              .put("msg_to", sender)
              .put("msg_id", UUID.randomUUID().toString())
              .put("msg_type", "MTC-001")
              .put("msg_time", Long.toString(System.currentTimeMillis()))
              .set(
                  "body",
                  JSON.createArrayNode()
                      .add(
                          JSON.createObjectNode()
                              .put("msg_id", msgId)
                              .put("result", "ok")
                              .put("result_detail", "")))
              .toString();
      write(out, component, from, answer);
      write(out, component, envelope.path("msg_to").asText() + "@" + userDomain, body);
      out.flush();
    }
  }

  private static void write(Writer out, String from, String to, String body) throws IOException {
    out.write("<message type='chat' from='" + from + "' to='" + to + "'><body>");
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      switch (c) {
        case '&' -> out.write("&amp;");
        case '<' -> out.write("&lt;");
        case '>' -> out.write("&gt;");
        default -> out.write(c);
      }
    }
    out.write("</body></message>");
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
