/**
 * Messages: accepting envelopes (validate, store once, hand delivery to JMS in the same
 * transaction), and reading history back ({@link im.tlim.message.HistoryService}). {@link
 * im.tlim.message.MessageService#accept} is the one way in, for a batch of envelopes or a single
 * one (a batch of one); {@link im.tlim.message.BatchFallback} is the rule for a batch whose
 * transaction was undone. A file-carrying message also records which file it carries ({@link
 * im.tlim.message.MessageFile}), the relation downloads are checked against.
 */
package im.tlim.message;
