/**
 * Live delivery to web pages: the WebSocket {@code /live} ({@link im.tlim.web.live.LiveEndpoint}),
 * which pushes what reaches the user's web devices and accepts envelopes from the page, and
 * liveTicket ({@link im.tlim.web.live.LiveTicketResource}), the single-use ticket a browser opens
 * it with, since it cannot set the Authorization header on a handshake (the token in that header,
 * or as the access_token query parameter, works too).
 */
package im.tlim.web.live;
