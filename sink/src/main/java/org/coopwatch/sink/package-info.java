/**
 * {@code coopwatch sink}: the topics {@code events.cooperation}, {@code alerts} and {@code aggregates}
 * into a database (SQLite by default, PostgreSQL with a {@code jdbc:postgresql:} URL) and JSON Lines.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Only committed records: the consumer reads with {@code isolation.level=read_committed}, so the
 *       records of an aborted Streams transaction never reach a store.</li>
 *   <li>Nothing lost: offsets are committed only after a batch is in the database, in the JSON Lines
 *       files and told to the listeners. Stopping or crashing earlier means the batch is read again.</li>
 *   <li>No duplicate rows: every table is keyed by the record's stable id ({@code eventId},
 *       {@code alertId}, {@code aggregateId}) and written with {@code INSERT ... ON CONFLICT (id) DO
 *       UPDATE}; a redelivered or replayed record rewrites its own row. For aggregates, which are
 *       updated as their window fills, the last update read wins.</li>
 *   <li>JSON Lines ({@code events.jsonl}, {@code alerts.jsonl}, {@code aggregates.jsonl}) are
 *       append-only and so at-least-once: after a crash or a replay a record can appear twice, and
 *       every update of an aggregate is a line. Keep the last line per id; the database is the
 *       deduplicated store.</li>
 *   <li>Undecodable records are skipped, never fatal: logged with topic, partition and offset, counted,
 *       and copied byte for byte to the DLQ topic ({@code coopwatch.dlq}) with the reason in the same
 *       headers Kafka Streams' DLQ uses ({@code __streams.errors.*}) plus {@code coopwatch.component=sink}.
 *       Copying can be turned off, leaving the log line and the counter.</li>
 *   <li>A database that goes away (restart, network, lock) is waited for: the batch is retried with
 *       backoff while the partitions are paused. Other database errors stop the sink with the reason.</li>
 *   <li>Webhooks ({@link org.coopwatch.sink.webhook}): every stored alert is POSTed as
 *       {@code {"text": "<one line>", "alert": {...}}} to each configured URL, after it is in the database
 *       and the JSON Lines file, from a bounded queue per webhook on a thread of its own; retried with
 *       doubling backoff, then counted and logged (URL masked) as failed. A webhook that is slow or down
 *       never holds up the sink and never costs an alert its row or its line. Best-effort: an alert still
 *       queued when the sink stops is not posted, and alerts older than a maximum age (6 h) are not posted
 *       at all, so a new sink re-reading the topic does not flood the channel.</li>
 * </ul>
 *
 * <h2>Schema</h2>
 * Created on start and migrated by ordered scripts per dialect
 * ({@code org/coopwatch/sink/db/migration/<dialect>/V<n>__*.sql}), each applied in a transaction and
 * recorded in {@code schema_version}. Tables ({@code events}, {@code alerts}, {@code aggregates}) can
 * carry a prefix, so several sinks can share one database. On PostgreSQL JSON columns are JSONB and
 * times TIMESTAMPTZ; on SQLite JSON is text and times are ISO-8601 UTC text with milliseconds (sortable).
 */
package org.coopwatch.sink;
