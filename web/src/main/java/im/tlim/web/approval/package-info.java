/**
 * The approval workflow's HTTP entry ({@link im.tlim.web.approval.ApprovalResource}, service role
 * only): approval and approvalBack put a notice for a user on the {@code tlim.approval} queue, from
 * which it becomes an MTB-000 from {@code system}.
 */
package im.tlim.web.approval;
