/**
 * Read state ({@link im.tlim.web.receipt.ReadStateResource}): updateMsgStatus (everything up to now
 * read by a member), findReadMsg and findChatReadMsg (how many have read each recent message of a
 * group or a 1:1 chat), findMsgStatusList (each member's status for one message) and hasUnread.
 */
package im.tlim.web.receipt;
