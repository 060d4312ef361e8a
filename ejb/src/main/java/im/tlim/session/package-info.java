/**
 * Sessions (conversations) and their members: 1:1 pairs, which come into being with their first
 * message, and groups. A session numbers its messages; members carry their read cursor and, once
 * they leave, their window ({@link im.tlim.session.Member#covers}): what they may still read.
 *
 * <p>The rules live on the entities, and every service applies them from here: {@link
 * im.tlim.session.ChatSession#requireOpen} / {@link im.tlim.session.ChatSession#requireOpenGroup}
 * (error-015, error-009), {@link im.tlim.session.ChatSession#isCreatedBy} and {@link
 * im.tlim.session.ChatSession#mayRemove}, {@link im.tlim.session.Member#requireCurrent} (acting in
 * a session) and {@link im.tlim.session.Member#requireCurrentOrFormer} (reading, receipts), both
 * error-014. {@link im.tlim.session.PairKey} is the only code that knows a pair's id format ({@code
 * p:<a>:<b>}). {@code SessionService} is the HTTP API's session operations; {@code
 * SessionRepository} the reused look-ups and locks.
 */
package im.tlim.session;
