/**
 * Messages: accepting an envelope (validate, store once, hand delivery to JMS in the same
 * transaction) and reading history back.
 */
package im.tlim.message;
