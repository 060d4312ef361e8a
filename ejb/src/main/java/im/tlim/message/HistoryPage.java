package im.tlim.message;

import java.util.List;

/** One page of a conversation's history, newest first, and how many messages it has in all. */
public record HistoryPage(long total, List<ChatMessage> messages) {}
