/**
 * Messages: accepting an envelope (validate, store once, hand delivery to JMS in the same
 * transaction) and reading history back. A file-carrying message also records which file it carries
 * ({@link im.tlim.message.MessageFile}), the relation downloads are checked against.
 */
package im.tlim.message;
