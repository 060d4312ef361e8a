/**
 * Receipts: delivered (MTC-000, per device class, clears the offline copy) and read (MTT-100,
 * MTS-100, a member's read cursor). Each costs one row update whatever the session's size; it is
 * forwarded to the original sender, stored as a notice that waits in their offline store while they
 * are away, and echoed to the reader's other devices.
 */
package im.tlim.receipt;
