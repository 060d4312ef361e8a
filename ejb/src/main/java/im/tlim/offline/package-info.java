/**
 * The offline store: a copy of each message (and of each notice: a receipt or clearing request
 * forwarded to the user) waits for each recipient until their mobile device
 * acknowledges it (a web acknowledgement is recorded as {@code recv = 1}); getOffline and
 * syncMessage read it back in bounded pages.
 */
package im.tlim.offline;
