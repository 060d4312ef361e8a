/**
 * Group announcements (the original's "pubact"): current members of an open session post them
 * ({@code ChatSession.requireOpen}, {@code Member.requireCurrent}); the author ({@code
 * Announcement.isAuthoredBy}) or the session's creator edit and delete them.
 */
package im.tlim.announcement;
