package im.tlim.message;

/**
 * The outcome of accepting an envelope that the sender is answered {@code ok} for.
 *
 * @param msgId the envelope's msg_id
 * @param duplicate true when it had been stored before (a resend), so nothing was sent again
 */
public record Accepted(String msgId, boolean duplicate) {}
