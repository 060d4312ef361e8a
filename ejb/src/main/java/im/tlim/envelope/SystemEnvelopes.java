package im.tlim.envelope;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.UUID;

/** Builds the system messages the server generates (MTS-102..107, MTT-102). */
public final class SystemEnvelopes {

  private SystemEnvelopes() {}

  /**
   * A group's system envelope (MTS-102..107) to all its members: like a group message, each copy's
   * msg_to is the member it goes to (SPEC §3), so the stored row names no one (an empty msg_to, not
   * the session's id; the session is in the body and in the row).
   */
  public static Envelope toMembers(MsgType type, ArrayNode body) {
    return of(type, "", body);
  }

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
