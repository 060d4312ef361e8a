/**
 * What the application sees of the XMPP connector, built as its own jar (tlim-xmpp-connector-api)
 * that sits once in the EAR's lib for the EJBs and the resource adapter alike: the listener a
 * message-driven bean implements ({@link im.tlim.xmpp.api.XmppMessageListener}: one message, a
 * batch, a presence, the refused messages), the stanzas it receives ({@link
 * im.tlim.xmpp.api.InboundMessage}, {@link im.tlim.xmpp.api.InboundPresence}, with their {@link
 * im.tlim.xmpp.api.XmppAddress}es), and for sending the {@link
 * im.tlim.xmpp.api.XmppConnectionFactory} bound in JNDI and the {@link
 * im.tlim.xmpp.api.XmppConnection} it hands out. Nothing here names an XMPP server product; the
 * adapter speaks XEP-0114 to whichever server the operator runs.
 */
package im.tlim.xmpp.api;
