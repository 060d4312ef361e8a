/**
 * The offline store: a copy of each message (and of each notice: a receipt or clearing request
 * forwarded to the user) waits for each recipient until their mobile device acknowledges it (a web
 * acknowledgement is recorded as {@code recv = 1}); getOffline and syncMessage read it back in
 * bounded pages, in commit order: {@code SyncSequencer} numbers every committed message ({@code
 * sync_seq}) so a cursor never skips one that committed late.
 */
package im.tlim.offline;
