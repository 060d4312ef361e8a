/** The approval workflow's HTTP entry: approval and approvalBack. */
package im.tlim.web.approval;
