/** The connector's coded log messages ({@link im.tlim.xmpp.logging.ConnectorLogger}, TLIM00xx). */
package im.tlim.xmpp.logging;
