/**
 * Sessions (conversations) and their members: 1:1 pairs, which come into being with their first
 * message, and groups. A session numbers its messages; members carry their read cursor.
 */
package im.tlim.session;
