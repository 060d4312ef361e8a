/**
 * Group announcements ({@link im.tlim.web.announcement.AnnouncementResource}): addPubact,
 * findPubactList, modifyPubact and deletePubact.
 */
package im.tlim.web.announcement;
