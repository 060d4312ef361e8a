/**
 * Catching up after being away ({@link im.tlim.web.offline.OfflineResource}): getOffline (the
 * user's offline store in commit order, cleared up to what the client acknowledges) and syncMessage
 * (everything committed after a message the client names), both in bounded pages.
 */
package im.tlim.web.offline;
