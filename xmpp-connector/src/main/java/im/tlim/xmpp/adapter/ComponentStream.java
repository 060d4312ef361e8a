package im.tlim.xmpp.adapter;

import im.tlim.xmpp.logging.ConnectorLogger;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.StringUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smack.xml.xpp3.Xpp3XmlPullParserFactory;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * One XEP-0114 session: a TCP socket to the XMPP server's component port, the stream header, the
 * SHA-1 handshake, then a read loop that parses each stanza with Smack. Writes are serialised on
 * this object. A stream is used once; the {@link ComponentSupervisor} opens a new one after a
 * failure.
 *
 * <p>The parser is XPP3, not the JDK's StAX: StAX counts every {@code &quot;} of a JSON body
 * against the JDK's total entity size limit and ends a long-lived stream after some megabytes.
 */
public final class ComponentStream implements Closeable {

  static final String COMPONENT_NAMESPACE = "jabber:component:accept";
  private static final String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";
  private static final ConnectorLogger LOG = ConnectorLogger.of(ComponentStream.class);

  private final ComponentSettings settings;
  private final long generation;
  private final Socket socket = new Socket();
  private Writer writer;
  private XmlPullParser parser;
  private volatile boolean authenticated;
  private volatile boolean closed;

  ComponentStream(ComponentSettings settings, long generation) {
    this.settings = settings;
    this.generation = generation;
  }

  /**
   * A stream already open on {@code writer} (the shared-flush tests write through one of theirs).
   */
  ComponentStream(ComponentSettings settings, long generation, Writer writer) {
    this(settings, generation);
    this.writer = writer;
  }

  /** A stream reading from {@code reader} as if opened (the parsing tests feed one of theirs). */
  ComponentStream(ComponentSettings settings, long generation, Writer writer, java.io.Reader reader)
      throws IOException {
    this(settings, generation, writer);
    try {
      this.parser = new Xpp3XmlPullParserFactory().newXmlPullParser(reader);
    } catch (XmlPullParserException e) {
      throw new IOException("cannot create the XML parser", e);
    }
  }

  /** Writers that entered {@link #write} and have not appended yet, or are appending. */
  int writersQueued() {
    return waitingWriters.get();
  }

  /** Which stream of the adapter's lifetime this is: 1, 2, … one more per reconnect. */
  long generation() {
    return generation;
  }

  /** Connects, opens the stream and completes the handshake; throws if any step fails. */
  void open() throws IOException {
    socket.connect(
        new InetSocketAddress(settings.host(), settings.port()),
        (int) settings.connectTimeout().toMillis());
    socket.setTcpNoDelay(true);
    socket.setKeepAlive(true);
    writer =
        new BufferedWriter(
            new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), 16 * 1024);
    try {
      parser =
          new Xpp3XmlPullParserFactory()
              .newXmlPullParser(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    } catch (XmlPullParserException e) {
      throw new IOException("cannot create the XML parser", e);
    }
    write(
        "<stream:stream xmlns='"
            + COMPONENT_NAMESPACE
            + "' xmlns:stream='"
            + STREAMS_NAMESPACE
            + "' to='"
            + StringUtils.escapeForXmlAttributeApos(settings.serviceAddress())
            + "'>");
    String streamId = readStreamHeader();
    write("<handshake>" + handshakeDigest(streamId, settings.secret()) + "</handshake>");
    awaitHandshakeAnswer();
    authenticated = true;
  }

  /**
   * Reads stanzas until the stream ends or fails, handing each to {@code onStanza} on this, the
   * stream's reader thread.
   */
  void readStanzas(Consumer<Stanza> onStanza) throws IOException {
    try {
      while (!closed) {
        XmlPullParser.Event event = parser.next();
        if (event == XmlPullParser.Event.END_DOCUMENT
            || (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == 1)) {
          throw new EOFException("the XMPP server closed the stream");
        }
        if (event != XmlPullParser.Event.START_ELEMENT || parser.getDepth() != 2) {
          continue;
        }
        switch (parser.getName()) {
          case "message", "presence", "iq" -> dispatch(onStanza);
          case "error" -> throw new IOException("stream error: " + readStreamError());
          default -> skipElement();
        }
      }
    } catch (XmlPullParserException e) {
      throw new IOException("unreadable XML on the component stream", e);
    }
  }

  private void dispatch(Consumer<Stanza> onStanza) throws IOException, XmlPullParserException {
    Stanza stanza;
    try {
      stanza = PacketParserUtils.parseStanza(parser, XmlEnvironment.EMPTY);
    } catch (SmackParsingException e) {
      // One bad stanza must not end the stream; the parser is already past it.
      LOG.stanzaUnparsable(e.getMessage());
      return;
    } catch (XmppStringprepException e) {
      // An address that does not parse (jxmpp's failure is an IOException, but the stream is
      // fine): drop this stanza, not every user's connection. The parser stopped inside it.
      LOG.stanzaAddressInvalid(e.getMessage());
      skipRestOfStanza();
      return;
    }
    onStanza.accept(stanza);
  }

  /** Moves the parser past the end of the stanza (depth 2) it stopped in. */
  private void skipRestOfStanza() throws IOException, XmlPullParserException {
    if (parser.getEventType() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == 2) {
      return;
    }
    while (true) {
      XmlPullParser.Event event = parser.next();
      if (event == XmlPullParser.Event.END_DOCUMENT) {
        throw new EOFException("the stream ended inside a stanza");
      }
      if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == 2) {
        return;
      }
    }
  }

  /**
   * Writes one serialised stanza and returns once it has been handed to the socket. The last of the
   * writers that queued up for the stream flushes for all of them, so under load many stanzas go
   * out in one system call and a lone stanza is flushed at once; the others wait for that flush,
   * and fail if it fails, so a caller never takes a stanza for sent that was not.
   */
  public void write(CharSequence xml) throws IOException {
    waitingWriters.incrementAndGet();
    synchronized (this) {
      long mine;
      try {
        if (closed) {
          throw new IOException("the component stream is closed");
        }
        writer.append(xml);
        mine = ++appended;
      } finally {
        // whoever takes the count to zero flushes what every writer before it appended, also
        // when its own append failed
        if (waitingWriters.decrementAndGet() == 0 && writer != null) {
          flushAll();
        }
      }
      while (flushed < mine && flushFailure == null) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while waiting for the flush");
        }
      }
      if (flushed < mine) {
        throw new IOException(
            "the component stream failed before this stanza was flushed", flushFailure);
      }
    }
  }

  /** Flushes what was appended and wakes the writers waiting for it; holds this object's lock. */
  private void flushAll() throws IOException {
    try {
      writer.flush();
      flushed = appended;
    } catch (IOException e) {
      flushFailure = e;
      throw e;
    } finally {
      notifyAll();
    }
  }

  /** Threads between entering {@link #write} and appending their stanza. */
  private final AtomicInteger waitingWriters = new AtomicInteger();

  /** Stanzas appended and stanzas flushed so far (guarded by this object's lock). */
  private long appended;

  private long flushed;

  /** Set once a flush failed: the stream is dead, and what was not flushed is not sent. */
  private IOException flushFailure;

  /** Writes a single space, the XMPP whitespace keep-alive, so a dead peer is noticed. */
  void keepAlive() throws IOException {
    write(" ");
  }

  public boolean isAuthenticated() {
    return authenticated && !closed;
  }

  ComponentSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    authenticated = false;
    try {
      synchronized (this) {
        if (writer != null && !socket.isClosed()) {
          writer.append("</stream:stream>");
          writer.flush();
        }
      }
    } catch (IOException ignored) {
      // the socket is going away either way
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
  }

  private String readStreamHeader() throws IOException {
    try {
      XmlPullParser.Event event;
      do {
        event = parser.next();
        if (event == XmlPullParser.Event.END_DOCUMENT) {
          throw new EOFException("the XMPP server closed the connection before the stream header");
        }
      } while (event != XmlPullParser.Event.START_ELEMENT);
      if (!"stream".equals(parser.getName())) {
        throw new IOException("expected a stream header, got <" + parser.getName() + ">");
      }
      String id = parser.getAttributeValue("", "id");
      if (id == null) {
        id = parser.getAttributeValue(null, "id");
      }
      if (id == null) {
        throw new IOException("the stream header has no id");
      }
      return id;
    } catch (XmlPullParserException e) {
      throw new IOException("unreadable stream header", e);
    }
  }

  private void awaitHandshakeAnswer() throws IOException {
    try {
      while (true) {
        XmlPullParser.Event event = parser.next();
        if (event == XmlPullParser.Event.END_DOCUMENT
            || (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == 1)) {
          throw new EOFException("the XMPP server closed the stream during the handshake");
        }
        if (event != XmlPullParser.Event.START_ELEMENT || parser.getDepth() != 2) {
          continue;
        }
        if ("handshake".equals(parser.getName())) {
          skipElement();
          return;
        }
        if ("error".equals(parser.getName()) && STREAMS_NAMESPACE.equals(parser.getNamespace())) {
          throw new HandshakeRefusedException(readStreamError());
        }
        skipElement();
      }
    } catch (XmlPullParserException e) {
      throw new IOException("unreadable handshake answer", e);
    }
  }

  /** Returns the condition element's name of a {@code <stream:error/>} and consumes it. */
  private String readStreamError() throws IOException, XmlPullParserException {
    int depth = parser.getDepth();
    String condition = "undefined-condition";
    String text = null;
    while (true) {
      XmlPullParser.Event event = parser.next();
      if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
        break;
      }
      if (event == XmlPullParser.Event.END_DOCUMENT) {
        break;
      }
      if (event == XmlPullParser.Event.START_ELEMENT) {
        if ("text".equals(parser.getName())) {
          text = parser.nextText();
        } else {
          condition = parser.getName();
        }
      }
    }
    return text == null ? condition : condition + " (" + text + ")";
  }

  private void skipElement() throws IOException, XmlPullParserException {
    int depth = parser.getDepth();
    while (true) {
      XmlPullParser.Event event = parser.next();
      if (event == XmlPullParser.Event.END_DOCUMENT) {
        throw new EOFException("the stream ended inside an element");
      }
      if (event == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth) {
        return;
      }
    }
  }

  /** XEP-0114 §3: lower-case hex SHA-1 of the stream id followed by the shared secret. */
  static String handshakeDigest(String streamId, String secret) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((streamId + secret).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }

  /** The server refused the handshake: wrong secret or an unknown component name. */
  static final class HandshakeRefusedException extends IOException {
    HandshakeRefusedException(String condition) {
      super("the XMPP server refused the component handshake: " + condition);
    }
  }
}
