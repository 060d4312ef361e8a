/**
 * Receipts: delivered (MTC-000, per device class, clears the offline copy) and read (MTT-100,
 * MTS-100, a member's read cursor). Each costs one row update whatever the session's size, and
 * is forwarded to the original sender's online devices.
 */
package im.tlim.receipt;
