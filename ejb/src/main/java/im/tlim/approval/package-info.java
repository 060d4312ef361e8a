/**
 * The approval workflow's notices (MTB-000): the company's approval system posts them — over HTTP
 * ({@code approval}, {@code approvalBack}) or straight onto the {@code tlim.approval} JMS queue, as
 * an application user with the role {@code tlim-approval} — and each becomes a stored message from
 * {@code system} delivered to its recipient.
 */
package im.tlim.approval;
