/**
 * History ({@link im.tlim.web.history.ChatHistoryResource}): findChatHistory (1:1),
 * findSessionHistory (groups) and clearChatHistory; pages by a bounded {@code start} offset or by
 * the {@code before_msg_id} cursor.
 */
package im.tlim.web.history;
