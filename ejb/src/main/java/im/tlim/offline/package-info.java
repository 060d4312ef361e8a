/**
 * The offline store: a copy of each message waits for each recipient until their mobile device
 * acknowledges it (a web acknowledgement is recorded as {@code recv = 1}); getOffline and
 * syncMessage read it back in bounded pages.
 */
package im.tlim.offline;
