/**
 * Recall (MTT-101, MTS-101): the original sender, still a member of the open session and within the
 * recall window, withdraws a message; it stays in history marked recalled with its body removed,
 * and the members are told (an MTS-101 system message for a group).
 */
package im.tlim.recall;
