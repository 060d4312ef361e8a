/**
 * The scale scenarios of issue 11, run by {@code bench/history.sh} (P3) and {@code
 * bench/backlog.sh} (P4), see docs/bench/README.md. {@link im.tlim.bench.scale.Scale} runs one step
 * per command: {@link im.tlim.bench.scale.HistoryLoad} and {@link im.tlim.bench.scale.BacklogLoad}
 * bulk-load consistent rows with COPY ({@link im.tlim.bench.scale.Copy}) into the schema the
 * service created; {@link im.tlim.bench.scale.HistoryRun} and {@link
 * im.tlim.bench.scale.BacklogRun} call the HTTP API as a client does ({@link
 * im.tlim.bench.scale.Api}), check every answer against the database, take the server-side time of
 * each call from Undertow's access log ({@link im.tlim.bench.scale.Timings}), and write Markdown,
 * CSV and PNG plots ({@link im.tlim.bench.scale.Charts}, JFreeChart).
 */
package im.tlim.bench.scale;
