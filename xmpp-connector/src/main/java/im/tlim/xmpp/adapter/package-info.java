/**
 * The resource adapter proper: its configuration, the XEP-0114 component stream it keeps open
 * (reconnecting with backoff), and the routing of what arrives on that stream to the active
 * endpoints.
 */
package im.tlim.xmpp.adapter;
