/**
 * The benchmark harness, run by {@code bench/run.sh} (see docs/bench/README.md): {@link
 * im.tlim.bench.Bench} drives the phases (direct client-to-client through the XMPP server, the
 * do-nothing {@link im.tlim.bench.Relay} component, the archiving peer — Prosody's own mod_mam on
 * PostgreSQL, on a second host of the same Prosody — and tlim) with the same Smack clients ({@link
 * im.tlim.bench.BenchClient}) in one run, repeated for the spread, and checks that every message
 * answered {@code ok} is in PostgreSQL exactly once and that the peer archived every message. The
 * relay is the ceiling: a component that answers and forwards every envelope without storing it.
 * The plots are drawn with {@link im.tlim.bench.scale.Charts}. The scale scenarios (history at
 * depth, offline backlog drain) are in {@code im.tlim.bench.scale}, the group fan-out against a MUC
 * room in {@code im.tlim.bench.fanout}.
 */
package im.tlim.bench;
