package im.tlim.message;

/**
 * One envelope as a client sent it.
 *
 * @param sender who sent it, as the XMPP server authenticated them
 * @param text the message body: the envelope JSON, not yet read
 */
public record Submission(Sender sender, String text) {}
