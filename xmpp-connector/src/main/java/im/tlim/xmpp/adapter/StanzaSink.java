package im.tlim.xmpp.adapter;

import org.jivesoftware.smack.packet.Stanza;

/** Receives every stanza read from the component stream, on the stream's reader thread. */
interface StanzaSink {

  void accept(Stanza stanza, ComponentStream stream);
}
