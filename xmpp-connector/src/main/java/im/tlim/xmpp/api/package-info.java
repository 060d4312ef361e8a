/**
 * What the application sees of the XMPP connector: the inbound listener an MDB implements, the
 * stanzas it receives, and the connection factory for sending. Nothing here names an XMPP server
 * product; the adapter speaks XEP-0114 to whichever server the operator runs.
 */
package im.tlim.xmpp.api;
