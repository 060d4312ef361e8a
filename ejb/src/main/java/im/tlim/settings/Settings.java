package im.tlim.settings;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every operator setting of tlim, each declared once below as a {@link Setting}: its system
 * property, environment variable, default, unit and meaning. README's "Application settings" table
 * is generated from this list, and {@code SettingsDeclaredOnceTest} fails when the table, the
 * {@code /system-property} lines of {@code configure-tlim.cli} or a {@code ${tlim.…:default}}
 * expression in an annotation disagree with it, or when a class outside this package reads a {@code
 * tlim.*} property itself. A new setting is one constant here (and in {@link #ALL}), its line in
 * the CLI script, and the regenerated table.
 *
 * <p>Values are plain system properties, read on each call, so a CLI {@code
 * /system-property=…:write-attribute} takes effect without a redeploy (for those marked {@link
 * Setting.Effect#AT_ONCE}). MicroProfile Config was considered and not used: the CLI script already
 * maps each environment variable to its property (MicroProfile's own environment mapping would
 * rename several, {@code TLIM_MAX_BODY_BYTES} for one), it would add a second source order to
 * reason about and a subsystem the server must have, and plain system properties work the same on
 * WildFly, on Payara ({@code create-system-properties}) and in unit tests without a container.
 *
 * <p>The instance methods are the typed reads the beans inject; static code reads {@code
 * Settings.X.value()}.
 */
@ApplicationScoped
public class Settings {

  /** Largest accepted envelope. */
  public static final Setting<Integer> MAX_ENVELOPE_BYTES =
      Setting.integer(
          "tlim.message.max-body-bytes",
          "TLIM_MAX_BODY_BYTES",
          64 * 1024,
          "bytes",
          "largest accepted envelope (UTF-8)");

  /** Where uploaded files are kept. */
  public static final Setting<Path> FILES_DIRECTORY =
      Setting.directory(
          "tlim.files.dir",
          "TLIM_FILES_DIR",
          "${jboss.server.data.dir}/tlim/files",
          () -> Path.of(System.getProperty("jboss.server.data.dir", "data"), "tlim", "files"),
          "where uploaded files are kept, by default under WildFly's data dir beside the embedded"
              + " database; rows in the database name them relative to it, so it can be moved");

  /** Largest accepted file. */
  public static final Setting<Long> MAX_FILE_BYTES =
      Setting.longInteger(
          "tlim.files.max-bytes",
          "TLIM_MAX_FILE_BYTES",
          100L * 1024 * 1024,
          "bytes",
          "largest accepted upload (100 MiB); a larger one is answered 413 / error-018 and nothing"
              + " is kept");

  /** How long after sending a message may be recalled. */
  public static final Setting<Duration> RECALL_WINDOW =
      Setting.seconds(
          "tlim.recall.window-seconds",
          "TLIM_RECALL_WINDOW_SECONDS",
          120,
          "how long after sending a message its sender may recall it (later: error-017)");

  /** Largest history page. */
  public static final Setting<Integer> MAX_HISTORY_PAGE =
      Setting.integer(
          "tlim.history.max-page",
          "TLIM_HISTORY_MAX_PAGE",
          1000,
          "messages",
          "largest history page (`length=max` included)");

  /**
   * Most entries of a list, both ways: the users of one addUser, the subscribers of one addSession
   * or modifySession (more is error-030), and the sessions or announcements one findSessions,
   * findWebSessions or findPubactList answers.
   */
  public static final Setting<Integer> MAX_LIST_ENTRIES =
      Setting.integer(
          "tlim.lists.max-entries",
          "TLIM_LISTS_MAX_ENTRIES",
          1000,
          "entries",
          "most entries of a request's `users` / `subscribers` list (more: 413 / error-030) and of"
              + " a findSessions, findWebSessions or findPubactList answer");

  /** How long a user known to be in the directory is not looked up again. */
  public static final Setting<Duration> CONTACTS_CACHE_TIME =
      Setting.seconds(
          "tlim.contacts.cache-seconds",
          "TLIM_CONTACTS_CACHE_SECONDS",
          10,
          "how long a node trusts that a user is in the directory; with several nodes, a"
              + " removeUser on one is honoured by the others within this time");

  /** Where push notifications for offline mobile users are POSTed; null when push is off. */
  public static final Setting<URI> PUSH_URL =
      Setting.optionalUri(
          "tlim.push.url",
          "TLIM_PUSH_URL",
          "push gateway (none: push off): a JSON notice `{userId, registrationId, msgId, msgType,"
              + " msgFrom}` is POSTed here for each stored message to a user with a push code and"
              + " no device online; non-2xx answers are retried");

  /** The {@code iss} every bearer token must carry; blank: not checked. */
  public static final Setting<String> JWT_ISSUER =
      Setting.textOnDeploy(
          "tlim.jwt.issuer",
          "TLIM_JWT_ISSUER",
          null,
          "the `iss` every bearer token must carry (none: not checked)");

  /** An {@code aud} every bearer token must carry; blank: not checked. */
  public static final Setting<String> JWT_AUDIENCE =
      Setting.textOnDeploy(
          "tlim.jwt.audience",
          "TLIM_JWT_AUDIENCE",
          "tlim",
          "an `aud` every bearer token must carry (empty: not checked)");

  /** RS256: the token issuer's RSA public key, PEM text or a file's path. */
  public static final Setting<String> JWT_PUBLIC_KEY =
      Setting.textOnDeploy(
          "tlim.jwt.public-key",
          "TLIM_JWT_PUBLIC_KEY",
          null,
          "RS256: the token issuer's RSA public key, PEM text or a file's path");

  /** HS256: a shared secret of at least 32 bytes. */
  public static final Setting<String> JWT_SECRET =
      Setting.textOnDeploy(
          "tlim.jwt.secret",
          "TLIM_JWT_SECRET",
          null,
          "HS256: a shared secret of at least 32 bytes. With neither key nor secret every call is"
              + " refused; `run.sh` generates a development secret under `./data`");

  /** Envelopes a user may send per second, sustained; 0 switches the limit off. */
  public static final Setting<Double> RATE_PER_SECOND =
      Setting.decimal(
          "tlim.rate.per-second",
          "TLIM_RATE_PER_SECOND",
          20,
          "envelopes/s",
          "envelopes a user may send per second, sustained, over XMPP and the live socket together"
              + " (`0`: no limit); over it error-024, the connection stays");

  /** Envelopes a user may send at once before the rate applies. */
  public static final Setting<Integer> RATE_BURST =
      Setting.integer(
          "tlim.rate.burst",
          "TLIM_RATE_BURST",
          50,
          "envelopes",
          "envelopes a user may send at once before the rate applies");

  /** Queues the inbound senders are spread over (read by the connector's activation). */
  public static final Setting<Integer> INBOUND_LANES =
      Setting.integer(
              "tlim.inbound.lanes",
              "TLIM_INBOUND_LANES",
              4,
              "queues",
              "queues the senders are spread over; each accepts one batch at a time, each sender's"
                  + " envelopes stay in order (`0`: a queue per sender)")
          .onDeploy();

  /** Most queued-up envelopes accepted in one transaction (read by the connector's activation). */
  public static final Setting<Integer> INBOUND_MAX_BATCH =
      Setting.integer(
              "tlim.inbound.max-batch",
              "TLIM_INBOUND_MAX_BATCH",
              64,
              "envelopes",
              "most envelopes that queued up in a lane accepted in one transaction (`1`: one"
                  + " each)")
          .onDeploy();

  /** How long a lone envelope may wait for company in its batch (read by the activation). */
  public static final Setting<Integer> INBOUND_BATCH_LINGER_MS =
      Setting.integer(
              "tlim.inbound.batch-linger-ms",
              "TLIM_INBOUND_BATCH_LINGER_MS",
              0,
              "ms",
              "a group commit: an envelope that finds its lane idle while the service is busy"
                  + " (another lane accepting, or the envelope before it less than this long ago)"
                  + " waits this long for more to share its transaction (`0`: it starts at once); an"
                  + " idle service never waits")
          .onDeploy();

  /** Most envelopes of one sender waiting in the connector (read by its activation). */
  public static final Setting<Integer> INBOUND_MAX_QUEUED_PER_SENDER =
      Setting.integer(
              "tlim.inbound.max-queued-per-sender",
              "TLIM_INBOUND_MAX_QUEUED_PER_SENDER",
              200,
              "envelopes",
              "most envelopes of one sender that wait in the connector; past it an envelope is"
                  + " refused before queueing, error-024")
          .onDeploy();

  /** Most envelopes of all senders waiting in the connector (read by its activation). */
  public static final Setting<Integer> INBOUND_MAX_QUEUED =
      Setting.integer(
              "tlim.inbound.max-queued",
              "TLIM_INBOUND_MAX_QUEUED",
              20000,
              "envelopes",
              "most envelopes of all senders that wait in the connector; past it an envelope is"
                  + " refused before queueing, error-024")
          .onDeploy();

  /** Most frames queued for one live page and not yet written. */
  public static final Setting<Integer> LIVE_MAX_QUEUED_FRAMES =
      Setting.integer(
              "tlim.live.max-queued-frames",
              null,
              256,
              "frames",
              "most frames queued for one live page and not yet written; past it the page is"
                  + " closed (1013) and catches up")
          .onDeploy();

  /** Most characters queued for one live page and not yet written. */
  public static final Setting<Long> LIVE_MAX_QUEUED_CHARS =
      Setting.longInteger(
              "tlim.live.max-queued-chars",
              null,
              4L * 1024 * 1024,
              "characters",
              "most characters queued for one live page and not yet written (4 Mi); past it the"
                  + " page is closed (1013) and catches up")
          .onDeploy();

  /** Origins allowed to call the API from a browser. */
  public static final Setting<Set<String>> CORS_ORIGINS =
      Setting.words(
          "tlim.cors.origins",
          "TLIM_CORS_ORIGINS",
          "comma-separated browser origins allowed to call the API cross-origin (never `*`)");

  /** Every setting, in README's order. */
  public static final List<Setting<?>> ALL =
      List.of(
          MAX_ENVELOPE_BYTES,
          FILES_DIRECTORY,
          MAX_FILE_BYTES,
          RECALL_WINDOW,
          MAX_HISTORY_PAGE,
          MAX_LIST_ENTRIES,
          CONTACTS_CACHE_TIME,
          PUSH_URL,
          JWT_ISSUER,
          JWT_AUDIENCE,
          JWT_PUBLIC_KEY,
          JWT_SECRET,
          RATE_PER_SECOND,
          RATE_BURST,
          INBOUND_LANES,
          INBOUND_MAX_BATCH,
          INBOUND_BATCH_LINGER_MS,
          INBOUND_MAX_QUEUED_PER_SENDER,
          INBOUND_MAX_QUEUED,
          LIVE_MAX_QUEUED_FRAMES,
          LIVE_MAX_QUEUED_CHARS,
          CORS_ORIGINS);

  /** {@link #MAX_ENVELOPE_BYTES} now. */
  public int maxEnvelopeBytes() {
    return MAX_ENVELOPE_BYTES.value();
  }

  /** {@link #RECALL_WINDOW} now. */
  public Duration recallWindow() {
    return RECALL_WINDOW.value();
  }

  /** {@link #MAX_HISTORY_PAGE} now. */
  public int maxHistoryPage() {
    return MAX_HISTORY_PAGE.value();
  }

  /** {@link #MAX_LIST_ENTRIES} now. */
  public int maxListEntries() {
    return MAX_LIST_ENTRIES.value();
  }

  /** {@link #CONTACTS_CACHE_TIME} now. */
  public Duration contactsCacheTime() {
    return CONTACTS_CACHE_TIME.value();
  }

  /** {@link #PUSH_URL} now; null when push is off. */
  public URI pushUrl() {
    return PUSH_URL.value();
  }

  /** {@link #FILES_DIRECTORY} now. */
  public Path filesDirectory() {
    return FILES_DIRECTORY.value();
  }

  /** {@link #MAX_FILE_BYTES} now. */
  public long maxFileBytes() {
    return MAX_FILE_BYTES.value();
  }

  /** {@link #RATE_PER_SECOND} now. */
  public double ratePerSecond() {
    return RATE_PER_SECOND.value();
  }

  /** {@link #RATE_BURST} now. */
  public int rateBurst() {
    return RATE_BURST.value();
  }

  /** {@link #CORS_ORIGINS} now. */
  public Set<String> corsOrigins() {
    return CORS_ORIGINS.value();
  }
}
