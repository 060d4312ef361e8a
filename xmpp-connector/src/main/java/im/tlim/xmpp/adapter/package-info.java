/**
 * The resource adapter proper. {@link im.tlim.xmpp.adapter.XmppResourceAdapter} holds the
 * operator's configuration (validated into {@link im.tlim.xmpp.adapter.ComponentSettings}), the
 * activated endpoints, and the sends every outbound handle delegates to; {@link
 * im.tlim.xmpp.adapter.ComponentSupervisor} keeps one XEP-0114 {@link
 * im.tlim.xmpp.adapter.ComponentStream} open as long-running Work (reconnecting with backoff,
 * whitespace keep-alives); {@link im.tlim.xmpp.adapter.StanzaRouter} hands each message and
 * presence read from it to every activation and answers the protocol chores (IQ ping and service
 * discovery, subscription requests, presence probes); {@link im.tlim.xmpp.adapter.Stanzas} converts
 * between Smack stanzas and the API's records and builds outbound XML.
 */
package im.tlim.xmpp.adapter;
