/**
 * The protocol's error codes and the exception that carries one. Every boundary (the XMPP
 * answer, the HTTP answer) turns a {@link im.tlim.error.TlimException} into
 * {@code result: "fail", result_detail: <code>}.
 */
package im.tlim.error;
