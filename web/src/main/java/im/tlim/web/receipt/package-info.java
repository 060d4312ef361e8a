/**
 * Read-state endpoints: updateMsgStatus, findReadMsg, findChatReadMsg, findMsgStatusList,
 * hasUnread.
 */
package im.tlim.web.receipt;
