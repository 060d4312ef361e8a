/**
 * Who is online, on which devices, and of which device class (web or mobile): the registry of XMPP
 * presence, valid for one component stream and rebuilt by probing when a stream opens; the probe;
 * and the web pages connected over WebSocket, each deduplicating the frames it is sent, bounded in
 * what waits for it, and closed by the sweep when its token expires or its user is removed.
 */
package im.tlim.presence;
