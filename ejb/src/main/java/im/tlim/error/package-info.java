/**
 * The protocol's error codes and the exception that carries one. Every boundary (the XMPP answer,
 * the HTTP answer) turns a {@link im.tlim.error.TlimException} into {@code result: "fail",
 * result_detail: <code>}; {@link im.tlim.error.Unavailability} tells a dependency that is down
 * (answered error-025, retry later; HTTP 503) from a fault of ours.
 */
package im.tlim.error;
