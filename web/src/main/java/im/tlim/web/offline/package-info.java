/** getOffline and syncMessage. */
package im.tlim.web.offline;
