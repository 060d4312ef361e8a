/**
 * Who is online, on which devices, and of which device class (web or mobile, DeviceClass): the
 * registry of XMPP presence (PresenceRegistry), valid for one component stream and rebuilt by
 * probing when a stream opens (PresenceProbe); and the web pages connected over WebSocket
 * (LiveConnections), each deduplicating the frames it is sent, bounded in what waits for it, and
 * closed by the sweep (LivePageSweep) when its token expires or its user is removed, with the
 * single-use tickets that open a browser's socket (LiveTickets). A page's id ({@code live-} and a
 * random UUID, LiveConnections.newPageId: unique across nodes) is also the resource its envelopes
 * come from, so the echo of what it sent passes over that page.
 */
package im.tlim.presence;
