/**
 * Group fan-out (issue 11, P2), run by {@code bench/fanout.sh}, see docs/bench/README.md: {@link
 * im.tlim.bench.fanout.Fanout} sends one message at a time to a tlim group and to a Prosody MUC
 * room of the same N members ({@link im.tlim.bench.fanout.Member}, a Smack client each), times the
 * last member's copy, checks every copy arrived exactly once, then has every member send a read
 * receipt and measures the read count, the database rows and WildFly's CPU per receipt (and, with
 * {@code --profile}, records WildFly with JFR over each size's sends). It reuses the scale
 * scenarios' HTTP client, percentiles and charts ({@code im.tlim.bench.scale}).
 */
package im.tlim.bench.fanout;
