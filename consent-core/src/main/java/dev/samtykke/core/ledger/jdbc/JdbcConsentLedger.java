package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.events.jdbc.JdbcConsentOutbox;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.ConsentRecordExport;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.VerificationProgress;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.PurgeResult;
import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.KnownPolicies;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.ledger.spi.LedgerEvent;
import dev.samtykke.core.policy.ConsentPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A {@link ConsentLedger} in a SQL database through JDBC: H2 2.x (the embedded default), PostgreSQL 12+, and MariaDB
 * 10.5+ or MySQL 8.0+ (told apart by the connection's metadata; see {@code docs/ledger.md} for what differs). Bring your
 * own driver and, in production, a connection pool.
 *
 * <h2>Schema</h2>
 * Four tables named after a prefix (default {@code samtykke_}): {@code ledger_meta} (one row: schema version
 * and shard count), {@code ledger_shard} (per shard its head and checkpoint), {@code ledger_record}, with an
 * index on {@code (subject_id, seq)} for a subject's look-ups and one on {@code (shard, expires_at)} for purges, and
 * {@code ledger_event} (schema version 2: the erasure and purge events, which take positions in the chains beside the
 * records). By default ({@link SchemaManagement#CREATE}) the ledger creates or upgrades them itself, idempotently:
 * several application instances may start together on one database. The SQL it runs is shipped as Flyway migrations
 * in {@value #FLYWAY_LOCATION}, for applications that migrate their database themselves: with
 * {@link Builder#schemaManagement(SchemaManagement) SchemaManagement.NONE} the ledger only checks, on start, that the
 * tables are there at the version it needs. A database whose schema is newer than this library is refused. If the
 * database is down when the ledger is built, it logs a warning and creates or checks the schema on first use instead.
 *
 * <h2>Failing fast</h2>
 * After a failed {@code getConnection()}, every call fails at once with a {@link LedgerException} for a back-off window
 * (1 s, doubling after each failed retry up to 30 s, measured on the ledger's clock); after it one call tries again while
 * the others keep failing at once, and a success ends the window. Creating the schema on first use is done by one thread;
 * the others fail at once. So a database that is down costs the callers no connect timeout each.
 *
 * <h2>Concurrency</h2>
 * Appends run in transactions that lock the head rows of their shards, insert the records linked to those heads,
 * move the heads and commit: only appends to the same shard wait on each other, whether from one instance or from
 * several sharing the database, and a crash or failure rolls a transaction back whole. The lock is taken by a
 * compare-and-set {@code UPDATE} of the head this instance last wrote, or, when another instance moved it since (or
 * it is not known), by {@code SELECT ... FOR UPDATE}; shards are always locked in ascending order, so transactions
 * cannot deadlock. Where the database can skip locked rows (PostgreSQL, MariaDB 10.6+, MySQL 8), a lane's transaction
 * instead takes only the heads no other transaction holds and leaves the other appends to the lane's next transaction,
 * so that instances sharing the database pass each other by rather than queue behind each other's groups; a shard left
 * out a few times in a row is waited for (see {@code docs/ledger.md}, "Several instances on one database").
 *
 * <p>Within one instance the shards are split among {@link Builder#concurrentWrites(int) lanes} (2 by default).
 * Appends that arrive in a lane while its transaction runs are written together by the next one, with batched
 * statements (group commit): waiting for the database's commit is shared instead of queued. Every caller returns
 * only after the commit that holds its record; if that transaction fails, every record in it fails with the same
 * {@link LedgerException}. {@link #appendAll} writes its records in one transaction of its own. Deadlocks and
 * serialisation conflicts are retried a few times. Verification reads in one repeatable-read, read-only
 * transaction, streaming the records.
 */
public final class JdbcConsentLedger implements ConsentLedger {

    /** The schema version this library writes and reads (2: the event table added to version 1's tables). */
    public static final int SCHEMA_VERSION = 2;
    /** The default table prefix. */
    public static final String DEFAULT_TABLE_PREFIX = "samtykke_";
    /** The default number of append transactions one instance runs at once. */
    public static final int DEFAULT_CONCURRENT_WRITES = 2;
    /**
     * Where the ledger's Flyway migrations are, for a Flyway of its own (placeholders {@code samtykke_prefix}, the table
     * prefix, and {@code samtykke_shards}, the shard count); see {@code docs/ledger.md}.
     */
    public static final String FLYWAY_LOCATION = "classpath:db/samtykke";
    /**
     * The same migrations for MariaDB and MySQL (same versions, tables and placeholders as {@link #FLYWAY_LOCATION}, in
     * those databases' SQL); see {@code docs/ledger.md}.
     */
    public static final String FLYWAY_LOCATION_MARIADB = "classpath:db/samtykke-mariadb";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConsentLedger.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,30}");

    private final Clock clock;
    private final KnownPolicies policies;
    private final String prefix;
    private final String recordTable;
    private final ShardTable shardTable;
    private final LedgerSchema schema;
    private final Transactions transactions;
    private final AppendCheck appendCheck;
    private final WriteContention contention = new WriteContention();
    private final ReentrantLock schemaLock = new ReentrantLock();
    private final int concurrentWrites;
    /** Where each record's and erasure's consent event is inserted, in the same transaction; null for none. */
    private final JdbcConsentOutbox outbox;
    /** The parts that depend on the database's dialect, set with {@link #shards} when the database is first reached. */
    private volatile SqlDialect dialect;
    private volatile EventTable events;
    private volatile ShardPurge purges;
    private final JdbcPurgeLock purgeLock;
    /** The monthly partitions of the record table (PostgreSQL), or null when it is not partitioned. */
    private final MonthlyPartitions partitions;
    private final SchemaManagement schemaManagement;
    private volatile VerificationScan verification;
    private volatile int shards;
    private volatile WriteLanes<Append, ConsentRecord> lanes;
    /** How lanes lock their heads where the database can skip locked rows; null where it cannot. */
    private volatile HeadLocks headLocks;
    /** Each shard's head as this instance last wrote it, or null when unknown (another writer may have moved it). */
    private volatile AtomicReferenceArray<ShardTable.Head> knownHeads;

    /**
     * A ledger in the given database with the default table prefix and {@value LedgerChain#DEFAULT_SHARDS} shards,
     * creating its schema if needed.
     *
     * @param dataSource the database (preferably pooled)
     * @throws LedgerException if the database holds a schema this library cannot use
     */
    public JdbcConsentLedger(DataSource dataSource) {
        this(builder(dataSource));
    }

    private JdbcConsentLedger(Builder b) {
        this.clock = b.clock;
        this.policies = b.policies;
        this.prefix = b.tablePrefix;
        this.concurrentWrites = b.concurrentWrites;
        this.outbox = b.outbox;
        this.recordTable = prefix + "ledger_record";
        this.shardTable = new ShardTable(prefix);
        this.schema = new LedgerSchema(prefix, shardTable, b.schemaManagement, b.shards, clock);
        this.transactions = new Transactions(new ConnectionGate(b.dataSource, clock));
        this.purgeLock = new JdbcPurgeLock(b.dataSource, b.tablePrefix);
        this.partitions = b.partitionByMonth ? new MonthlyPartitions(prefix, shardTable.table) : null;
        this.schemaManagement = b.schemaManagement;
        this.appendCheck = new AppendCheck(recordTable, shardTable);
        try {
            initialiseSchema();
        } catch (LedgerException e) {
            if (e.getCause() instanceof SQLException) {
                LOG.warn("Consent ledger database not reachable at start-up, the schema is checked on first use: {}",
                        e.getCause().toString());
            } else {
                throw e;
            }
        }
    }

    /**
     * Checks a table prefix: the one rule for the names of every table Samtykke makes (the ledger's, the counters', the
     * outbox's, the audit trail's, the purge lock's).
     *
     * @param tablePrefix the prefix
     * @return the prefix
     * @throws IllegalArgumentException unless lower-case letters, digits and underscores, not starting with a digit,
     *         at most 31 characters
     */
    public static String requireTablePrefix(String tablePrefix) {
        if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("table prefix must match " + PREFIX.pattern() + ", got " + tablePrefix);
        }
        return tablePrefix;
    }

    /**
     * A builder for a ledger with a chosen table prefix, clock, shard count, known policies or schema management.
     *
     * @param dataSource the database (preferably pooled)
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The table prefix in use. */
    public String tablePrefix() {
        return prefix;
    }

    /**
     * The lock that lets one instance at a time purge this ledger's tables ({@link dev.samtykke.core.ledger.RetentionRun}).
     *
     * @return the lock, shared through the database by every instance on these tables
     */
    public JdbcPurgeLock purgeLock() {
        return purgeLock;
    }

    /**
     * The number of shards, as stored in the database when the ledger was created.
     *
     * @return the shard count
     * @throws LedgerException if the database cannot be reached to find out
     */
    public int shards() {
        ensureSchema();
        return shards;
    }

    /**
     * Creates or checks the schema on first use if the database was down when the ledger was built. One thread does it;
     * the others fail at once instead of queueing behind its connect timeout.
     */
    private void ensureSchema() {
        if (shards != 0) {
            return;
        }
        if (!schemaLock.tryLock()) {
            throw new LedgerException("consent ledger database is unavailable: another thread is connecting to it to create"
                    + " or check the schema; nothing was written");
        }
        try {
            if (shards == 0) {
                initialiseSchema();
            }
        } finally {
            schemaLock.unlock();
        }
    }

    private void initialiseSchema() {
        try (Connection c = transactions.connect()) {
            SqlDialect found = SqlDialect.of(c);
            if (partitions != null) {
                partitions.prepare(c, clock.instant(), schemaManagement == SchemaManagement.CREATE);
            }
            int stored = schema.prepare(c, found);
            dialect = found;
            events = new EventTable(prefix, found);
            purges = new ShardPurge(recordTable, shardTable.table, events, clock, found, partitions == null);
            verification = new VerificationScan(recordTable, shardTable, events, found, partitions != null);
            headLocks = HeadLocks.supported(c.getMetaData()) ? new HeadLocks(shardTable, stored) : null;
            lanes = new WriteLanes<>(Math.min(concurrentWrites, stored), group -> writeGroup(group, true));
            knownHeads = new AtomicReferenceArray<>(stored);
            shards = stored;
        } catch (SQLException e) {
            throw new LedgerException("consent ledger: cannot create or check the schema of " + prefix + "ledger_*: "
                    + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- writes

    /** An append on its way: the record, its shard and the id it is stored under. */
    private record Append(NewConsentRecord record, int shard, String recordId) {
        Append(NewConsentRecord record, int shards) {
            this(record, LedgerChain.shardOf(record.decision().subjectId(), shards), UUID.randomUUID().toString());
        }
    }

    /**
     * Writes the record with the others that reach its lane meanwhile (group commit, see {@link WriteLanes}), in one
     * transaction; returns once that transaction committed.
     */
    @Override
    public ConsentRecord append(NewConsentRecord record) {
        Objects.requireNonNull(record, "record");
        policies.check(record);
        ensureSchema();
        ensurePartition();
        Append append = new Append(record, shards);
        return lanes.submit(append.shard(), append);
    }

    @Override
    public List<ConsentRecord> appendAll(List<NewConsentRecord> records) {
        Objects.requireNonNull(records, "records");
        for (NewConsentRecord record : records) {
            policies.check(Objects.requireNonNull(record, "record"));
        }
        if (records.isEmpty()) {
            return List.of();
        }
        ensureSchema();
        ensurePartition();
        List<Append> group = new ArrayList<>(records.size());
        for (NewConsentRecord r : records) {
            group.add(new Append(r, shards));
        }
        return writeGroup(group, false);
    }

    /**
     * Writes a group of appends in one transaction and commits; returns the stored records in the group's order.
     * Records of one shard are chained in the group's order. When this instance knows the heads of every shard
     * involved from its own last writes, it moves them with one batch of compare-and-set {@code UPDATE}s (which also
     * lock the head rows), in ascending shard order; if another instance moved any of them meanwhile, or a head is
     * unknown, it locks them with {@code SELECT ... FOR UPDATE} in ascending shard order instead. Then it inserts the
     * records with one (batched) statement. If the commit fails on a lost connection, the records are looked up on a new
     * connection ({@link AppendCheck}): written, they are returned as if the commit had answered.
     *
     * <p>A lane's group ({@code deferring}) on a database that can skip locked rows, while other writers are about
     * ({@link HeadLocks#contended}), locks only the heads no other transaction holds instead; the appends of the shards
     * it left out are {@code null} in the result, and the lane writes them with its next group.
     */
    private List<ConsentRecord> writeGroup(List<Append> group, boolean deferring) {
        TreeMap<Integer, List<Append>> byShard = new TreeMap<>();
        for (Append a : group) {
            byShard.computeIfAbsent(a.shard(), k -> new ArrayList<>()).add(a);
        }
        String what = group.size() == 1 ? "append a consent record" : "append " + group.size() + " consent records";
        try {
            Map<String, ConsentRecord> written = transactions.run(what, c -> {
                Instant now = clock.instant();
                contention.transaction();
                long lockStart = System.nanoTime();
                HeadLocks skipping = deferring && headLocks != null && headLocks.contended() ? headLocks : null;
                if (skipping != null) {
                    Map<Integer, List<ConsentRecord>> sealed = seal(byShard, skipping.lock(c, byShard.keySet(), knownHeads::get), now);
                    contention.lockedSince(lockStart);
                    shardTable.move(c, sealed);
                    return insert(c, sealed);
                }
                TreeMap<Integer, ShardTable.Head> heads = new TreeMap<>();
                for (Integer shard : byShard.keySet()) {
                    ShardTable.Head known = knownHeads.get(shard);
                    if (known == null) {
                        heads = null;
                        break;
                    }
                    heads.put(shard, known);
                }
                if (heads != null) {
                    Map<Integer, List<ConsentRecord>> sealed = seal(byShard, heads, now);
                    if (shardTable.compareAndMove(c, heads, sealed)) {
                        contention.lockedSince(lockStart);
                        return insert(c, sealed);
                    }
                    c.rollback();
                    contention.headMoved();
                    if (headLocks != null) {
                        headLocks.met();
                    }
                }
                heads = new TreeMap<>();
                for (Integer shard : byShard.keySet()) {
                    heads.put(shard, shardTable.lock(c, shard));
                }
                contention.lockedSince(lockStart);
                Map<Integer, List<ConsentRecord>> sealed = seal(byShard, heads, now);
                shardTable.move(c, sealed);
                return insert(c, sealed);
            }, appendCheck);
            List<ConsentRecord> ordered = new ArrayList<>(group.size());
            for (Append a : group) {
                ordered.add(written.get(a.recordId()));
            }
            for (List<Append> shardGroup : byShard.values()) {
                ConsentRecord last = written.get(shardGroup.get(shardGroup.size() - 1).recordId());
                knownHeads.set(shardGroup.get(0).shard(), last == null ? null : new ShardTable.Head(last.sequence(), last.hash()));
            }
            contention.deferred(group.size() - written.size());
            return Collections.unmodifiableList(ordered);
        } catch (RuntimeException e) {
            for (Integer shard : byShard.keySet()) {
                knownHeads.set(shard, null);
            }
            throw e;
        }
    }

    private static Map<Integer, List<ConsentRecord>> seal(Map<Integer, List<Append>> byShard, Map<Integer, ShardTable.Head> heads,
                                                          Instant now) {
        Map<Integer, List<ConsentRecord>> sealed = new TreeMap<>();
        for (var e : byShard.entrySet()) {
            int shard = e.getKey();
            ShardTable.Head head = heads.get(shard);
            if (head == null) {
                continue; // left to the lane's next transaction
            }
            long sequence = head.sequence();
            String previous = head.hash();
            List<ConsentRecord> chain = new ArrayList<>(e.getValue().size());
            for (Append a : e.getValue()) {
                ConsentRecord r = LedgerChain.seal(a.record(), a.recordId(), now, shard, ++sequence, previous);
                previous = r.hash();
                chain.add(r);
            }
            sealed.put(shard, chain);
        }
        return sealed;
    }

    /** Inserts sealed records (one statement, batched when several); returns them by record id. */
    private Map<String, ConsentRecord> insert(Connection c, Map<Integer, List<ConsentRecord>> sealed) throws SQLException {
        Map<String, ConsentRecord> byId = new HashMap<>();
        sealed.values().forEach(chain -> chain.forEach(r -> byId.put(r.recordId(), r)));
        try (PreparedStatement insert = c.prepareStatement(RecordColumns.insert(recordTable))) {
            if (byId.size() == 1) {
                RecordColumns.bind(dialect, insert, byId.values().iterator().next());
                insert.executeUpdate();
            } else {
                for (List<ConsentRecord> chain : sealed.values()) {
                    for (ConsentRecord r : chain) {
                        RecordColumns.bind(dialect, insert, r);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        if (outbox != null) {
            List<ConsentRecord> inOrder = new ArrayList<>(byId.size());
            sealed.values().forEach(inOrder::addAll);
            outbox.recorded(c, inOrder, inOrder.get(0).recordedAt());
        }
        return byId;
    }

    @Override
    public int erase(String subjectId) {
        LedgerChain.requireSubjectId(subjectId);
        ensureSchema();
        int shard = LedgerChain.shardOf(subjectId, shards);
        ChainEntry[] event = new ChainEntry[1];
        int erased;
        try {
            erased = transactions.run("erase a subject", c -> {
                event[0] = null;
                ShardTable.Head head = shardTable.lock(c, shard);
                List<Long> positions = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + recordTable + " WHERE subject_id = ? AND shard = ?")) {
                    ps.setString(1, subjectId);
                    ps.setInt(2, shard);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            positions.add(rs.getLong(1));
                        }
                    }
                }
                if (positions.isEmpty()) {
                    return 0;
                }
                Instant now = clock.instant();
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + recordTable + " SET " + RecordColumns.clearContent()
                        + " WHERE subject_id = ? AND shard = ?")) {
                    ps.setObject(1, dialect.time(now));
                    ps.setString(2, subjectId);
                    ps.setInt(3, shard);
                    ps.executeUpdate();
                }
                event[0] = events.append(c, shard, head.sequence(), head.hash(), LedgerEvent.erasure(now, positions));
                if (outbox != null) {
                    outbox.erased(c, subjectId, now, event[0].sequence());
                }
                return positions.size();
            });
        } catch (RuntimeException e) {
            knownHeads.set(shard, null);
            throw e;
        }
        if (event[0] != null) {
            knownHeads.set(shard, null); // the lane's writer re-reads the head it no longer knows
        }
        return erased;
    }

    @Override
    public int purge(Instant olderThan) {
        return purgeWithResult(olderThan).recordsEmptied();
    }

    @Override
    public PurgeResult purgeWithResult(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        ensureSchema();
        PurgeResult purged = PurgeResult.NOTHING;
        for (int shard = 0; shard < shards; shard++) {
            int s = shard;
            try {
                purged = purged.plus(transactions.run("purge expired consent records", c -> purges.purge(c, s, olderThan)));
            } finally {
                knownHeads.set(s, null);
            }
        }
        if (partitions != null) {
            dropPurgedPartitions();
        }
        return purged;
    }

    /** With monthly partitions: the partition of the present month exists (and those around it) before an append. */
    private void ensurePartition() {
        if (partitions != null) {
            partitions.ensure(clock.instant(), transactions::connect);
        }
    }

    /** With monthly partitions, after a purge: drops past months' partitions that hold only purged entries. */
    private void dropPurgedPartitions() {
        try (Connection c = transactions.connect()) {
            int dropped = partitions.dropPurged(c, clock.instant());
            if (dropped > 0) {
                LOG.info("Consent ledger {}ledger_*: the purge dropped {} monthly partitions", prefix, dropped);
            }
        } catch (SQLException e) {
            throw new LedgerException("consent ledger: could not drop purged partitions (" + e + "); the purge itself is"
                    + " committed, and the next purge drops them", e);
        }
        partitions.ensure(clock.instant(), transactions::connect);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<ConsentRecord> latest(String subjectId) {
        LedgerChain.requireSubjectId(subjectId);
        List<ConsentRecord> found = query("read the latest consent record", RecordColumns.select(recordTable)
                + " WHERE subject_id = ? ORDER BY seq DESC LIMIT 1", subjectId);
        return found.stream().findFirst();
    }

    @Override
    public List<ConsentRecord> history(String subjectId) {
        LedgerChain.requireSubjectId(subjectId);
        return query("read a consent history", RecordColumns.select(recordTable) + " WHERE subject_id = ? ORDER BY seq", subjectId);
    }

    /** A bounded read served by the index on {@code (subject_id, seq)}, walked backwards from the cursor. */
    @Override
    public List<ConsentRecord> historyPage(String subjectId, long beforeSequence, int limit) {
        LedgerChain.requireSubjectId(subjectId);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return query("read a page of a consent history", RecordColumns.select(recordTable)
                + " WHERE subject_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", subjectId, beforeSequence, limit);
    }

    @Override
    public String export(String subjectId, ConsentPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return ConsentRecordExport.toJson(subjectId, history(subjectId), policy, clock.instant());
    }

    private List<ConsentRecord> query(String what, String sql, Object... params) {
        ensureSchema();
        try (Connection c = transactions.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<ConsentRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(RecordColumns.read(dialect, rs));
                }
                return List.copyOf(out);
            }
        } catch (SQLException e) {
            throw Transactions.failure(what, e);
        }
    }

    /** Reads in one repeatable-read, read-only transaction, streaming the records (see {@link VerificationScan}). */
    @Override
    public LedgerVerification verify() {
        return verify(VerificationProgress.none());
    }

    /** Reports as total the positions the shard table names, read in the verification's own transaction. */
    @Override
    public LedgerVerification verify(VerificationProgress progress) {
        Objects.requireNonNull(progress, "progress");
        ensureSchema();
        try (Connection c = transactions.connect()) {
            return verification.run(c, shards, progress);
        } catch (SQLException e) {
            throw Transactions.failure("verify the ledger", e);
        }
    }

    /** How often this instance's appends met other writers of their shards (for the multi-instance test and benchmark). */
    WriteContention.Snapshot contention() {
        return contention.snapshot();
    }

    @Override
    public String toString() {
        return "JdbcConsentLedger[" + prefix + "ledger_*]";
    }

    /** Builds a {@link JdbcConsentLedger}. */
    public static final class Builder {
        private final DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private int shards = LedgerChain.DEFAULT_SHARDS;
        private KnownPolicies policies = KnownPolicies.none();
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private int concurrentWrites = DEFAULT_CONCURRENT_WRITES;
        private SchemaManagement schemaManagement = SchemaManagement.CREATE;
        private JdbcConsentOutbox outbox;
        private boolean partitionByMonth;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The prefix of the ledger's table names, e.g. {@code samtykke_} for {@code samtykke_ledger_record}.
         *
         * @param tablePrefix lower-case letters, digits and underscores, at most 31 characters, not starting with a digit
         * @return this builder
         */
        public Builder tablePrefix(String tablePrefix) {
            requireTablePrefix(tablePrefix);
            this.tablePrefix = tablePrefix;
            return this;
        }

        /**
         * The clock that stamps records and decides expiry in exports.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The number of chains when the ledger's tables are created (an existing ledger keeps its own).
         *
         * @param shards 1 to {@value LedgerChain#MAX_SHARDS}
         * @return this builder
         */
        public Builder shards(int shards) {
            this.shards = LedgerChain.requireShards(shards);
            return this;
        }

        /**
         * Accept records of these policies only, see {@link KnownPolicies}.
         *
         * @param policies the policies (every accepted version); empty accepts any
         * @return this builder
         */
        public Builder policies(Collection<ConsentPolicy> policies) {
            this.policies = KnownPolicies.of(policies);
            return this;
        }

        /**
         * How many append transactions this instance runs at once (default {@value #DEFAULT_CONCURRENT_WRITES}, at most
         * the shard count). Shards are split among that many lanes; appends arriving in a lane while its transaction
         * runs are written together by the next one (group commit). Fewer lanes make larger groups and fewer commits;
         * more lanes write more in parallel.
         *
         * @param concurrentWrites 1 to {@value LedgerChain#MAX_SHARDS}
         * @return this builder
         */
        public Builder concurrentWrites(int concurrentWrites) {
            if (concurrentWrites < 1 || concurrentWrites > LedgerChain.MAX_SHARDS) {
                throw new IllegalArgumentException("concurrentWrites must be 1 to " + LedgerChain.MAX_SHARDS + ", got " + concurrentWrites);
            }
            this.concurrentWrites = concurrentWrites;
            return this;
        }

        /**
         * Who creates and upgrades the ledger's tables: the ledger on start ({@link SchemaManagement#CREATE}, the
         * default), or the application's own migrations ({@link SchemaManagement#NONE}, e.g. Flyway with
         * {@value JdbcConsentLedger#FLYWAY_LOCATION}; the ledger then only checks the tables on start).
         *
         * @param schemaManagement CREATE or NONE
         * @return this builder
         */
        public Builder schemaManagement(SchemaManagement schemaManagement) {
            this.schemaManagement = Objects.requireNonNull(schemaManagement, "schemaManagement");
            return this;
        }

        /**
         * Inserts a consent event into this outbox for every record appended and every subject erased, in the same
         * transaction (see {@code docs/events.md}). Give it the ledger's database and table prefix.
         *
         * @param outbox the outbox
         * @return this builder
         */
        public Builder outbox(JdbcConsentOutbox outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
            return this;
        }

        /**
         * On PostgreSQL, whether the record table is range-partitioned by month of {@code recorded_at}: the ledger creates
         * the partitioned table (with schema management on) and each month's partition ahead of time, and a purge drops
         * a past month's partition once every entry in it is purged, instead of deleting rows. For a new ledger only;
         * another database, or an existing unpartitioned table, is refused. Off by default.
         *
         * @param partitionByMonth whether to partition
         * @return this builder
         */
        public Builder partitionByMonth(boolean partitionByMonth) {
            this.partitionByMonth = partitionByMonth;
            return this;
        }

        /**
         * Builds the ledger and creates or checks its schema (or defers that to first use if the database is down).
         *
         * @return the ledger
         * @throws LedgerException if the database holds a schema this library cannot use, or, with schema management
         *                         off, the tables are missing or at an older version
         */
        public JdbcConsentLedger build() {
            return new JdbcConsentLedger(this);
        }
    }
}
