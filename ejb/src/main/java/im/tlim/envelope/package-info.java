/**
 * The JSON envelope carried in every XMPP body: its fields, its message types (each with the checks
 * it needs of the envelope alone, {@link im.tlim.envelope.MsgType#check}), and the one codec that
 * maps wire names ({@code msg_id}) to Java names ({@code msgId}). Input is read leniently (single
 * quotes, unquoted keys, trailing commas, as in the original's examples); output is always strict
 * JSON.
 */
package im.tlim.envelope;
