package im.tlim.delivery;

/**
 * Where a stored message stands when its copies go out: its row in the session's log, read at
 * delivery time.
 *
 * @param id the row's id (to read it whole for a catch-up)
 * @param seq its number in the session
 * @param recalled whether it was recalled since (its text must not leave the server then)
 * @param storedAt when the server stored it, epoch ms
 */
public record LoggedMessage(long id, long seq, boolean recalled, long storedAt) {}
