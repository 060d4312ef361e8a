/**
 * Recall (MTT-101, MTS-101): the original sender, within the recall window, withdraws a message;
 * it stays in history marked recalled with its body removed, and every other member is told.
 */
package im.tlim.recall;
