/**
 * The benchmark harness, run by {@code bench/run.sh} (see docs/bench/README.md): {@link
 * im.tlim.bench.Bench} drives the phases (direct client-to-client through the XMPP server, the
 * do-nothing {@link im.tlim.bench.Relay} component, and tlim) with the same Smack clients ({@link
 * im.tlim.bench.BenchClient}) in one run, and checks that every message answered {@code ok} is in
 * PostgreSQL exactly once. The relay is the ceiling: a component that answers and forwards every
 * envelope without storing it. The scale scenarios (history at depth, offline backlog drain) are in
 * {@code im.tlim.bench.scale}, the group fan-out against a MUC room in {@code
 * im.tlim.bench.fanout}.
 */
package im.tlim.bench;
