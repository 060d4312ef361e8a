/**
 * Authentication and authorisation of the HTTP API and the file endpoints: every call carries
 * a bearer JWT ({@link im.tlim.web.auth.BearerTokenFilter}, verified by {@link
 * im.tlim.web.auth.TokenVerifier}); the token's subject is the acting user and its {@code groups}
 * claim its roles ({@link im.tlim.web.auth.Caller}). The model is in {@code docs/security.md}.
 */
package im.tlim.web.auth;
