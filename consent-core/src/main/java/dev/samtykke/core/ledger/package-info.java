/**
 * The consent ledger: tamper-evident proof of consent, and the data subject's rights over it.
 *
 * <p>{@link dev.samtykke.core.ledger.ConsentLedger} is the store SPI. Each
 * {@link dev.samtykke.core.ledger.ConsentRecord} holds what a controller needs to demonstrate consent
 * (GDPR Art. 7(1)): who (a random pseudonymous subject id), what (per-purpose grants, refusals and
 * withdrawals), under which notice (policy id and version, the locale shown and the SHA-256 of the notice
 * shown, see {@link dev.samtykke.core.ledger.NoticeHash}), when, until when, how and where, and nothing
 * else personal: no IP address, no user agent.
 *
 * <h2>Chaining</h2>
 * Records are chained by hash in <em>shards</em>: a subject belongs to shard
 * {@code floorMod(mix(subjectId.hashCode()), shardCount)}, and each shard is one hash chain. A record's
 * hash covers its shard, its sequence number in the shard, its id, the SHA-256 of its content and the
 * hash of the record before it in the same shard. An append locks only its shard's head, so appends for
 * different subjects rarely wait on each other, and a subject's records are always in one chain, in the
 * order they were appended. {@link dev.samtykke.core.ledger.ConsentLedger#verify()} walks every chain
 * and names the first broken record: a modified record (its content or position no longer matches its
 * hash), a deleted one (a gap in the sequence), an inserted or reordered one (a broken link or sequence),
 * and a truncated or extended chain (the shard head no longer matches its last record).
 *
 * <h2>Erasure and purge</h2>
 * {@link dev.samtykke.core.ledger.ConsentLedger#erase(String)} turns a subject's records into
 * <em>tombstones</em>: the personal content goes, the record id, content hash, chain hashes and expiry
 * stay, so every chain still verifies. {@link dev.samtykke.core.ledger.ConsentLedger#purge(java.time.Instant)}
 * tombstones every record that expired before the cut-off, then drops each chain's leading run of expired
 * tombstones and old events and moves the shard's <em>checkpoint</em> (base sequence and base hash) past them;
 * verification starts each chain from its checkpoint.
 *
 * <p>Both are recorded in the chain they change: in the same transaction, an erasure or purge
 * <em>event</em> ({@link dev.samtykke.core.ledger.spi.LedgerEvent}) takes the next position of the shard, hashed
 * and linked like a record, naming the positions it emptied (and, for a purge, the cut-off and the positions it
 * deleted), with no personal data. Events are not consent records: {@code latest}, {@code history},
 * {@code historyPage} and {@code export} never return them. {@link dev.samtykke.core.ledger.ConsentLedger#verify()}
 * accepts a tombstone only if an event later in its chain names it, and reports every tombstone that none names
 * ({@link dev.samtykke.core.ledger.LedgerVerification.Kind#UNCOVERED_TOMBSTONE}: content removed outside the
 * ledger, e.g. to hide a withdrawal) and every tombstone, or named record, that still holds content
 * ({@link dev.samtykke.core.ledger.LedgerVerification.Kind#CONTENT_LEFT}). An event is deleted only together with
 * everything it names, so verification from a checkpoint stays complete; a purge keeps an uncovered tombstone as
 * evidence.
 *
 * <h2>Stores</h2>
 * {@link dev.samtykke.core.ledger.InMemoryConsentLedger} holds at most
 * {@value dev.samtykke.core.ledger.InMemoryConsentLedger#DEFAULT_MAX_RECORDS} entries by default; a full shard drops
 * its oldest entries, recording an eviction event, and the ledger is lost on restart.
 * {@link dev.samtykke.core.ledger.jdbc.JdbcConsentLedger} (H2, PostgreSQL) creates and migrates its own tables, and
 * while its database cannot be reached it fails at once with a {@link dev.samtykke.core.ledger.LedgerException}
 * (after a failed connect, for a back-off window of 1 s doubling up to 30 s) instead of making each caller wait a
 * connect timeout.
 *
 * <p>Writers of another store find the hashing, events, verification and policy check in
 * {@code dev.samtykke.core.ledger.spi}.
 */
package dev.samtykke.core.ledger;
