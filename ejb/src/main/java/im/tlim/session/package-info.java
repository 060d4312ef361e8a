/**
 * Sessions (conversations) and their members: 1:1 pairs, which come into being with their first
 * message, and groups. A session numbers its messages; members carry their read cursor and, once
 * they leave, their window ({@link im.tlim.session.Member#covers}): what they may still read.
 */
package im.tlim.session;
