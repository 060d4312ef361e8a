/** Live delivery to web pages over WebSocket, and envelopes sent from them. */
package im.tlim.web.live;
