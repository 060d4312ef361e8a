/**
 * Live delivery to web pages over WebSocket, and envelopes sent from them; the page's token comes
 * in the Authorization header, or a browser's single-use ticket from liveTicket (or the token as
 * the access_token query parameter).
 */
package im.tlim.web.live;
