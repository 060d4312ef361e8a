/**
 * Authentication and authorisation of the HTTP API and the file endpoints: every call carries a
 * bearer JWT ({@link im.tlim.web.auth.BearerTokenFilter}, verified by {@link
 * im.tlim.web.auth.TokenVerifier}); the token's subject is the acting user and its {@code groups}
 * claim its roles ({@link im.tlim.web.auth.Caller}); a live WebSocket handshake may carry a
 * single-use ticket instead, which its endpoint redeems. The model is in {@code docs/security.md}.
 */
package im.tlim.web.auth;
