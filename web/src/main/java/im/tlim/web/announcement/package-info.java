/** Group announcements: addPubact, findPubactList, modifyPubact, deletePubact. */
package im.tlim.web.announcement;
