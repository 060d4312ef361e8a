package im.tlim.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.UUID;

/** Builds the system messages the server generates (MTS-102..107, MTT-102). */
public final class SystemEnvelopes {

  private SystemEnvelopes() {}

  /** A system envelope of {@code type} with a one-element body the caller fills. */
  public static Envelope of(MsgType type, String msgTo, ArrayNode body) {
    return Envelope.of(
        ServerEnvelopes.SERVER_SENDER,
        msgTo,
        UUID.randomUUID().toString(),
        type,
        System.currentTimeMillis(),
        body);
  }
}
