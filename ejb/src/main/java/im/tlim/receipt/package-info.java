/**
 * Receipts: delivered (MTC-000, per device class, clears the offline copy) and read (MTT-100,
 * MTS-100, a member's read cursor). Each costs one row update whatever the session's size; it is
 * forwarded to the original sender, stored as a notice that waits in their offline store while they
 * are away, and echoed to the reader's other devices. Current and former members send receipts
 * ({@code Member.requireCurrentOrFormer}); {@code ReadStateService} computes the HTTP API's read
 * state from the cursors ({@code Member.hasRead}, {@code readStatusOf}) and names a 1:1 chat by the
 * peer, so the web layer never sees a pair's id.
 */
package im.tlim.receipt;
