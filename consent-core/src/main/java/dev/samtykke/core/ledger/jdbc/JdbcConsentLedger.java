package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.ConsentRecordExport;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.spi.ChainEntry;
import dev.samtykke.core.ledger.spi.ChainVerifier;
import dev.samtykke.core.ledger.spi.KnownPolicies;
import dev.samtykke.core.ledger.spi.LedgerChain;
import dev.samtykke.core.ledger.spi.LedgerEvent;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * A {@link ConsentLedger} in a SQL database through JDBC: H2 2.x (the embedded default) and PostgreSQL 12+.
 * Bring your own driver and, in production, a connection pool.
 *
 * <h2>Schema</h2>
 * Four tables named after a prefix (default {@code samtykke_}): {@code ledger_meta} (one row: schema version
 * and shard count), {@code ledger_shard} (per shard its head and checkpoint), {@code ledger_record}, with an
 * index on {@code (subject_id, seq)} for a subject's look-ups and one on {@code (shard, expires_at)} for purges, and
 * {@code ledger_event} (schema version 2: the erasure and purge events, which take positions in the chains beside the
 * records). The ledger creates or upgrades them itself from the shipped SQL
 * ({@code dev/samtykke/core/ledger/jdbc/schema-v1.sql}, {@code schema-v2.sql}), idempotently: several application
 * instances may start together on one database. A database whose schema is newer than this library is refused. If the
 * database is down when the ledger is built, it logs a warning and creates the schema on first use instead.
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
 * cannot deadlock.
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

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConsentLedger.class);
    private static final int MAX_ATTEMPTS = 4;
    private static final int MAX_GROUP = 500;
    private static final Object LEAD = new Object();
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,30}");
    /** The columns a tombstone holds no value in, besides {@code subject_id}. */
    static final List<String> CONTENT_COLUMNS = List.of("policy_id", "policy_version", "grants", "method", "decided_at",
            "locale", "collection_point", "notice_hash");
    private static final String COLUMNS = "shard, seq, record_id, subject_id, policy_id, policy_version, grants, method, "
            + "decided_at, expires_at, locale, collection_point, notice_hash, recorded_at, content_hash, previous_hash, record_hash";

    private final Clock clock;
    private final KnownPolicies policies;
    private final String prefix;
    private final int requestedShards;
    private final String metaTable;
    private final String shardTable;
    private final String recordTable;
    private final ReentrantLock schemaLock = new ReentrantLock();
    private final EventTable events;
    private final ShardPurge purges;
    private final ConnectionGate gate;
    private volatile int shards;
    private final int concurrentWrites;
    private volatile Lane[] lanes;
    private volatile AtomicReferenceArray<Head> knownHeads;

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
        this.requestedShards = b.shards;
        this.concurrentWrites = b.concurrentWrites;
        this.metaTable = prefix + "ledger_meta";
        this.shardTable = prefix + "ledger_shard";
        this.recordTable = prefix + "ledger_record";
        this.events = new EventTable(prefix);
        this.purges = new ShardPurge(recordTable, shardTable, events, clock);
        this.gate = new ConnectionGate(b.dataSource, clock);
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
     * A builder for a ledger with a chosen table prefix, clock, shard count or known policies.
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
     * The number of shards, as stored in the database when the ledger was created.
     *
     * @return the shard count
     * @throws LedgerException if the database cannot be reached to find out
     */
    public int shards() {
        ensureSchema();
        return shards;
    }

    // ---------------------------------------------------------------- schema

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
        try (Connection c = connection()) {
            int version = readSchemaVersion(c);
            if (version > SCHEMA_VERSION) {
                throw new LedgerException("consent ledger tables " + prefix + "ledger_* have schema version " + version
                        + ", newer than this library supports (" + SCHEMA_VERSION + "); upgrade Samtykke");
            }
            if (version < SCHEMA_VERSION) {
                try {
                    upgrade(c, version);
                } catch (SQLException e) {
                    // Another instance may be creating the same schema right now: accept its work if it is done.
                    if (readSchemaVersion(c) != SCHEMA_VERSION) {
                        throw e;
                    }
                }
            }
            int stored = readShardCount(c);
            ensureShardRows(c, stored);
            if (stored != requestedShards) {
                LOG.info("Consent ledger {}ledger_* uses the {} shards it was created with ({} requested)", prefix, stored, requestedShards);
            }
            Lane[] l = new Lane[Math.min(concurrentWrites, stored)];
            for (int i = 0; i < l.length; i++) {
                l[i] = new Lane();
            }
            lanes = l;
            knownHeads = new AtomicReferenceArray<>(stored);
            shards = stored;
        } catch (SQLException e) {
            throw new LedgerException("consent ledger: cannot create or check the schema of " + prefix + "ledger_*: "
                    + e.getMessage(), e);
        }
    }

    private int readSchemaVersion(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_version FROM " + metaTable + " WHERE id = 1")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException missingTable) {
            if (isConnectionFailure(missingTable)) {
                throw missingTable;
            }
            return 0;
        }
    }

    private int readShardCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT shard_count FROM " + metaTable + " WHERE id = 1")) {
            if (!rs.next()) {
                throw new LedgerException("consent ledger: " + metaTable + " has no schema row");
            }
            return LedgerChain.requireShards(rs.getInt(1));
        }
    }

    /** Creates the tables (from 0) or migrates them one version at a time, each step in one transaction. */
    private void upgrade(Connection c, int from) throws SQLException {
        if (from == 0) {
            for (int version = 1; version <= SCHEMA_VERSION; version++) {
                runScript(c, version);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + metaTable
                    + " (id, schema_version, shard_count, created_at) VALUES (1, ?, ?, ?)")) {
                ps.setInt(1, SCHEMA_VERSION);
                ps.setInt(2, requestedShards);
                ps.setObject(3, time(clock.instant()));
                ps.executeUpdate();
            }
            LOG.info("Consent ledger tables {}ledger_* created at schema version {}", prefix, SCHEMA_VERSION);
            return;
        }
        for (int version = from + 1; version <= SCHEMA_VERSION; version++) {
            runScript(c, version);
            c.setAutoCommit(false);
            try {
                if (lockSchemaVersion(c) < version) {
                    if (version == 2) {
                        coverEarlierTombstones(c);
                    }
                    try (PreparedStatement ps = c.prepareStatement("UPDATE " + metaTable + " SET schema_version = ? WHERE id = 1")) {
                        ps.setInt(1, version);
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            LOG.info("Consent ledger tables {}ledger_* upgraded to schema version {}", prefix, version);
        }
    }

    private void runScript(Connection c, int version) throws SQLException {
        for (String sql : script("schema-v" + version + ".sql")) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** The stored schema version, its row locked until the transaction ends (so that one instance upgrades). */
    private int lockSchemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT schema_version FROM " + metaTable + " WHERE id = 1 FOR UPDATE")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Upgrading from version 1, where erasures and purges wrote no events: each shard holding tombstones gets an
     * {@link LedgerEvent.Kind#UPGRADE upgrade} event naming them, so that every later tombstone needs an event of its own.
     */
    private void coverEarlierTombstones(Connection c) throws SQLException {
        List<Integer> shardIds = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT shard FROM " + shardTable + " ORDER BY shard")) {
            while (rs.next()) {
                shardIds.add(rs.getInt(1));
            }
        }
        Instant now = clock.instant();
        for (int shard : shardIds) {
            Head head = lockHead(c, shard);
            List<Long> positions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + recordTable + " WHERE shard = ? AND subject_id IS NULL")) {
                ps.setInt(1, shard);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        positions.add(rs.getLong(1));
                    }
                }
            }
            if (!positions.isEmpty()) {
                events.append(c, shard, head.sequence, head.hash, LedgerEvent.upgrade(now, positions));
                LOG.warn("Consent ledger {}ledger_*: shard {} holds {} tombstones from before schema version 2, which recorded"
                        + " no erasure events; an upgrade event now names them (it proves only that they were empty then)",
                        prefix, shard, positions.size());
            }
        }
    }

    private void ensureShardRows(Connection c, int count) throws SQLException {
        Set<Integer> present = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT shard FROM " + shardTable)) {
            while (rs.next()) {
                present.add(rs.getInt(1));
            }
        }
        if (present.size() >= count) {
            return;
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + shardTable
                + " (shard, head_seq, head_hash, base_seq, base_hash) VALUES (?, 0, ?, 0, ?)")) {
            for (int i = 0; i < count; i++) {
                if (!present.contains(i)) {
                    ps.setInt(1, i);
                    ps.setString(2, LedgerChain.GENESIS_HASH);
                    ps.setString(3, LedgerChain.GENESIS_HASH);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            // A concurrent instance inserted them first.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + shardTable)) {
                if (!rs.next() || rs.getInt(1) < count) {
                    throw e;
                }
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    private List<String> script(String name) {
        String resource = "/dev/samtykke/core/ledger/jdbc/" + name;
        try (InputStream in = JdbcConsentLedger.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LedgerException("consent ledger: schema script " + resource + " is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", prefix);
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                    continue;
                }
                current.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    String sql = current.toString().strip();
                    statements.add(sql.substring(0, sql.length() - 1));
                    current.setLength(0);
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public ConsentRecord append(NewConsentRecord record) {
        Objects.requireNonNull(record, "record");
        policies.check(record);
        ensureSchema();
        Pending me = new Pending(record, LedgerChain.shardOf(record.decision().subjectId(), shards));
        Lane lane = lanes[me.shard % lanes.length];
        boolean lead;
        CompletableFuture<Object> waiting;
        synchronized (lane) {
            lane.queue.add(me);
            waiting = me.outcome;
            lead = !lane.leading;
            lane.leading = true;
        }
        if (!lead && waiting.join() != LEAD) {
            return me.result();
        }
        // This thread leads the lane: it writes every append waiting in it, its own first, in one transaction.
        List<Pending> group = new ArrayList<>();
        synchronized (lane) {
            while (!lane.queue.isEmpty() && group.size() < MAX_GROUP) {
                group.add(lane.queue.poll());
            }
        }
        try {
            List<ConsentRecord> written = writeGroup(group);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome.complete(written.get(i));
            }
        } catch (RuntimeException e) {
            for (Pending p : group) {
                p.outcome.complete(e);
            }
        } catch (Error e) {
            // Never leave the appends waiting on this thread hanging.
            LedgerException failure = new LedgerException("consent ledger: the append transaction failed: " + e, e);
            for (Pending p : group) {
                p.outcome.complete(failure);
            }
            throw e;
        } finally {
            synchronized (lane) {
                Pending next = lane.queue.peek();
                if (next == null) {
                    lane.leading = false;
                } else {
                    next.promote();
                }
            }
        }
        return me.result();
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
        List<Pending> group = new ArrayList<>(records.size());
        for (NewConsentRecord r : records) {
            group.add(new Pending(r, LedgerChain.shardOf(r.decision().subjectId(), shards)));
        }
        return writeGroup(group);
    }

    /**
     * Writes a group of appends in one transaction and commits; returns the stored records in the group's order.
     * Records of one shard are chained in the group's order. When this instance knows the heads of every shard
     * involved from its own last writes, it moves them with one batch of compare-and-set {@code UPDATE}s (which also
     * lock the head rows), in ascending shard order; if another instance moved any of them meanwhile, or a head is
     * unknown, it locks them with {@code SELECT ... FOR UPDATE} in ascending shard order instead. Then it inserts the
     * records with one (batched) statement.
     */
    private List<ConsentRecord> writeGroup(List<Pending> group) {
        TreeMap<Integer, List<Pending>> byShard = new TreeMap<>();
        for (Pending p : group) {
            byShard.computeIfAbsent(p.shard, k -> new ArrayList<>()).add(p);
        }
        String what = group.size() == 1 ? "append a consent record" : "append " + group.size() + " consent records";
        try {
            Map<String, ConsentRecord> written = inTransaction(what, c -> {
                Instant now = clock.instant();
                TreeMap<Integer, Head> heads = new TreeMap<>();
                for (Integer shard : byShard.keySet()) {
                    Head known = knownHeads.get(shard);
                    if (known == null) {
                        heads = null;
                        break;
                    }
                    heads.put(shard, known);
                }
                if (heads != null) {
                    Map<Integer, List<ConsentRecord>> sealed = seal(byShard, heads, now);
                    if (moveHeads(c, heads, sealed)) {
                        return insert(c, sealed);
                    }
                    c.rollback();
                }
                heads = new TreeMap<>();
                for (Integer shard : byShard.keySet()) {
                    heads.put(shard, lockHead(c, shard));
                }
                Map<Integer, List<ConsentRecord>> sealed = seal(byShard, heads, now);
                setHeads(c, sealed);
                return insert(c, sealed);
            });
            List<ConsentRecord> ordered = new ArrayList<>(group.size());
            for (Pending p : group) {
                ordered.add(written.get(p.recordId));
            }
            for (List<Pending> shardGroup : byShard.values()) {
                ConsentRecord last = written.get(shardGroup.get(shardGroup.size() - 1).recordId);
                knownHeads.set(last.shard(), new Head(last.sequence(), last.hash()));
            }
            return List.copyOf(ordered);
        } catch (RuntimeException e) {
            for (Integer shard : byShard.keySet()) {
                knownHeads.set(shard, null);
            }
            throw e;
        }
    }

    private static Map<Integer, List<ConsentRecord>> seal(Map<Integer, List<Pending>> byShard, Map<Integer, Head> heads, Instant now) {
        Map<Integer, List<ConsentRecord>> sealed = new TreeMap<>();
        for (var e : byShard.entrySet()) {
            int shard = e.getKey();
            Head head = heads.get(shard);
            long sequence = head.sequence;
            String previous = head.hash;
            List<ConsentRecord> chain = new ArrayList<>(e.getValue().size());
            for (Pending p : e.getValue()) {
                ConsentRecord r = LedgerChain.seal(p.record, p.recordId, now, shard, ++sequence, previous);
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
        try (PreparedStatement insert = c.prepareStatement(insertSql())) {
            if (byId.size() == 1) {
                bindInsert(insert, byId.values().iterator().next());
                insert.executeUpdate();
            } else {
                for (List<ConsentRecord> chain : sealed.values()) {
                    for (ConsentRecord r : chain) {
                        bindInsert(insert, r);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        return byId;
    }

    /** Moves each shard's head from the known one to its last sealed record; false if any head was no longer the known one. */
    private boolean moveHeads(Connection c, Map<Integer, Head> expected, Map<Integer, List<ConsentRecord>> sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + shardTable
                + " SET head_seq = ?, head_hash = ? WHERE shard = ? AND head_seq = ? AND head_hash = ?")) {
            for (var e : sealed.entrySet()) {
                ConsentRecord last = e.getValue().get(e.getValue().size() - 1);
                Head known = expected.get(e.getKey());
                ps.setLong(1, last.sequence());
                ps.setString(2, last.hash());
                ps.setInt(3, e.getKey());
                ps.setLong(4, known.sequence);
                ps.setString(5, known.hash);
                if (sealed.size() == 1) {
                    return ps.executeUpdate() == 1;
                }
                ps.addBatch();
            }
            for (int count : ps.executeBatch()) {
                if (count != 1) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Sets each shard's head (locked by this transaction) to its last sealed record. */
    private void setHeads(Connection c, Map<Integer, List<ConsentRecord>> sealed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + shardTable + " SET head_seq = ?, head_hash = ? WHERE shard = ?")) {
            for (var e : sealed.entrySet()) {
                ConsentRecord last = e.getValue().get(e.getValue().size() - 1);
                ps.setLong(1, last.sequence());
                ps.setString(2, last.hash());
                ps.setInt(3, e.getKey());
                if (sealed.size() == 1) {
                    ps.executeUpdate();
                    return;
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private String insertSql() {
        return "INSERT INTO " + recordTable + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    private static void bindInsert(PreparedStatement ps, ConsentRecord r) throws SQLException {
        ps.setInt(1, r.shard());
        ps.setLong(2, r.sequence());
        ps.setString(3, r.recordId());
        ps.setString(4, r.subjectId());
        ps.setString(5, r.policyId());
        ps.setString(6, r.policyVersion().toString());
        ps.setString(7, LedgerChain.grantsJson(r.grants()));
        ps.setString(8, r.method().id());
        ps.setObject(9, time(r.decidedAt()));
        ps.setObject(10, time(r.expiresAt()));
        ps.setString(11, r.locale());
        ps.setString(12, r.collectionPoint());
        ps.setString(13, r.noticeHash());
        ps.setObject(14, time(r.recordedAt()));
        ps.setString(15, LedgerChain.contentHash(r));
        ps.setString(16, r.previousHash());
        ps.setString(17, r.hash());
    }

    private Head lockHead(Connection c, int shard) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT head_seq, head_hash FROM " + shardTable + " WHERE shard = ? FOR UPDATE")) {
            ps.setInt(1, shard);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LedgerException("consent ledger: shard " + shard + " has no head row in " + shardTable);
                }
                return new Head(rs.getLong(1), rs.getString(2));
            }
        }
    }

    @Override
    public int erase(String subjectId) {
        LedgerChain.requireSubjectId(subjectId);
        ensureSchema();
        int shard = LedgerChain.shardOf(subjectId, shards);
        ChainEntry[] event = new ChainEntry[1];
        int erased;
        try {
            erased = inTransaction("erase a subject", c -> {
                event[0] = null;
                Head head = lockHead(c, shard);
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
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + recordTable + " SET " + clearContent()
                        + " WHERE subject_id = ? AND shard = ?")) {
                    ps.setObject(1, time(now));
                    ps.setString(2, subjectId);
                    ps.setInt(3, shard);
                    ps.executeUpdate();
                }
                event[0] = events.append(c, shard, head.sequence, head.hash, LedgerEvent.erasure(now, positions));
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

    static String clearContent() {
        return "subject_id = NULL, policy_id = NULL, policy_version = NULL, grants = NULL, method = NULL, decided_at = NULL, "
                + "locale = NULL, collection_point = NULL, notice_hash = NULL, erased_at = ?";
    }

    @Override
    public int purge(Instant olderThan) {
        Objects.requireNonNull(olderThan, "olderThan");
        ensureSchema();
        int purged = 0;
        for (int shard = 0; shard < shards; shard++) {
            int s = shard;
            try {
                purged += inTransaction("purge expired consent records", c -> purges.purge(c, s, olderThan));
            } finally {
                knownHeads.set(s, null);
            }
        }
        return purged;
    }

    static boolean hasContent(ResultSet rs) throws SQLException {
        for (String column : CONTENT_COLUMNS) {
            if (rs.getObject(column) != null) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<ConsentRecord> latest(String subjectId) {
        LedgerChain.requireSubjectId(subjectId);
        List<ConsentRecord> found = query("read the latest consent record", "SELECT " + COLUMNS + " FROM " + recordTable
                + " WHERE subject_id = ? ORDER BY seq DESC LIMIT 1", subjectId);
        return found.stream().findFirst();
    }

    @Override
    public List<ConsentRecord> history(String subjectId) {
        LedgerChain.requireSubjectId(subjectId);
        return query("read a consent history", "SELECT " + COLUMNS + " FROM " + recordTable
                + " WHERE subject_id = ? ORDER BY seq", subjectId);
    }

    /** A bounded read served by the index on {@code (subject_id, seq)}, walked backwards from the cursor. */
    @Override
    public List<ConsentRecord> historyPage(String subjectId, long beforeSequence, int limit) {
        LedgerChain.requireSubjectId(subjectId);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        return query("read a page of a consent history", "SELECT " + COLUMNS + " FROM " + recordTable
                + " WHERE subject_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", subjectId, beforeSequence, limit);
    }

    @Override
    public String export(String subjectId, ConsentPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return ConsentRecordExport.toJson(subjectId, history(subjectId), policy, clock.instant());
    }

    private List<ConsentRecord> query(String what, String sql, Object... params) {
        ensureSchema();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<ConsentRecord> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(readRecord(rs));
                }
                return List.copyOf(out);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public LedgerVerification verify() {
        ensureSchema();
        int count = shards;
        try (Connection c = connection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            try {
                if (c.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
                    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                }
                c.setReadOnly(true);
                ChainVerifier verifier = new ChainVerifier(count);
                long[] baseSeq = new long[count];
                String[] baseHash = new String[count];
                long[] headSeq = new long[count];
                String[] headHash = new String[count];
                java.util.Arrays.fill(baseHash, LedgerChain.GENESIS_HASH);
                java.util.Arrays.fill(headHash, LedgerChain.GENESIS_HASH);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT shard, head_seq, head_hash, base_seq, base_hash FROM " + shardTable)) {
                    while (rs.next()) {
                        int shard = rs.getInt(1);
                        if (shard >= 0 && shard < count) {
                            headSeq[shard] = rs.getLong(2);
                            headHash[shard] = rs.getString(3);
                            baseSeq[shard] = rs.getLong(4);
                            baseHash[shard] = rs.getString(5);
                        }
                    }
                }
                Map<Integer, List<ChainEntry>> shardEvents = events.readAll(c);
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(1000);
                    try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + ", erased_at FROM " + recordTable + " ORDER BY shard, seq")) {
                        Rows rows = new Rows(rs);
                        for (int shard = 0; shard < count; shard++) {
                            List<ChainEntry> own = shardEvents.getOrDefault(shard, List.of());
                            verifier.checkShard(shard, baseSeq[shard], baseHash[shard], headSeq[shard], headHash[shard],
                                    own, MergedEntries.of(rows.shard(shard), own.iterator()));
                        }
                        rows.skipRest();
                    }
                }
                c.commit();
                return verifier.result();
            } finally {
                try {
                    c.rollback();
                    c.setReadOnly(false);
                    c.setAutoCommit(true);
                    c.setTransactionIsolation(isolation);
                } catch (SQLException ignored) {
                    // a broken connection: the pool discards it; nothing was written, and the first failure is reported
                }
            }
        } catch (SQLException e) {
            throw failure("verify the ledger", e);
        } catch (UncheckedSqlException e) {
            throw failure("verify the ledger", e.getCause());
        }
    }

    /** Streams the verification query's rows shard by shard. */
    private static final class Rows {
        private final ResultSet rs;
        private ChainEntry pending;
        private boolean done;

        Rows(ResultSet rs) {
            this.rs = rs;
        }

        private ChainEntry peek() {
            if (pending == null && !done) {
                try {
                    if (rs.next()) {
                        pending = readEntry(rs);
                    } else {
                        done = true;
                    }
                } catch (SQLException e) {
                    throw new UncheckedSqlException(e);
                }
            }
            return pending;
        }

        Iterator<ChainEntry> shard(int shard) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    ChainEntry next = peek();
                    // rows of shards outside 0..count-1 sort before or after; those before are skipped here
                    while (next != null && next.shard() < shard) {
                        pending = null;
                        next = peek();
                    }
                    return next != null && next.shard() == shard;
                }

                @Override
                public ChainEntry next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ChainEntry next = pending;
                    pending = null;
                    return next;
                }
            };
        }

        void skipRest() {
            while (peek() != null) {
                pending = null;
            }
        }
    }

    private static ChainEntry readEntry(ResultSet rs) throws SQLException {
        int shard = rs.getInt("shard");
        long seq = rs.getLong("seq");
        String recordId = rs.getString("record_id");
        String contentHash = rs.getString("content_hash");
        String previousHash = rs.getString("previous_hash");
        String hash = rs.getString("record_hash");
        Instant recordedAt = instant(rs, "recorded_at");
        if (rs.getString("subject_id") == null) {
            return new ChainEntry(shard, seq, recordId, contentHash, previousHash, hash, recordedAt, null, null, hasContent(rs));
        }
        try {
            return new ChainEntry(shard, seq, recordId, contentHash, previousHash, hash, recordedAt, readRecord(rs));
        } catch (SQLException | RuntimeException unreadable) {
            // Content that cannot even be read was tampered with: an entry whose hashes cannot match says so.
            return new ChainEntry(shard, seq, recordId, "unreadable content", previousHash, hash, recordedAt, null);
        }
    }

    private static ConsentRecord readRecord(ResultSet rs) throws SQLException {
        String method = rs.getString("method");
        return new ConsentRecord(rs.getString("record_id"), rs.getString("subject_id"), rs.getString("policy_id"),
                PolicyVersion.parse(rs.getString("policy_version")), LedgerChain.parseGrants(rs.getString("grants")),
                ConsentMethod.fromId(method).orElseThrow(() -> new SQLException("unknown consent method '" + method + "' in the ledger")),
                instant(rs, "decided_at"), instant(rs, "expires_at"), rs.getString("locale"), rs.getString("collection_point"),
                rs.getString("notice_hash"), instant(rs, "recorded_at"), rs.getInt("shard"), rs.getLong("seq"),
                rs.getString("previous_hash"), rs.getString("record_hash"));
    }

    // ---------------------------------------------------------------- plumbing

    static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(LedgerChain.stored(instant), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private Connection connection() {
        return gate.connect();
    }

    /** Runs work in one transaction, retrying a few times when the database rolled it back for a deadlock or serialisation conflict. */
    private <T> T inTransaction(String what, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransactionOnce(what, work);
            } catch (LedgerException e) {
                if (attempt >= MAX_ATTEMPTS || !(e.getCause() instanceof SQLException sql) || !isConflict(sql)) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    private <T> T inTransactionOnce(String what, SqlWork<T> work) {
        try (Connection c = connection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // a broken connection: the pool discards it
                }
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private LedgerException failure(String what, SQLException e) {
        if (isConnectionFailure(e)) {
            return new LedgerException("consent ledger database is unavailable: could not " + what
                    + " (SQLState " + e.getSQLState() + ": " + e.getMessage() + "); nothing was written", e);
        }
        return new LedgerException("consent ledger: could not " + what + " (SQLState " + e.getSQLState() + ": "
                + e.getMessage() + "); the transaction was rolled back", e);
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTransientConnectionException || e instanceof java.sql.SQLNonTransientConnectionException
                || (state != null && state.startsWith("08")) || "90067".equals(state) || "90121".equals(state) || "90098".equals(state);
    }

    @Override
    public String toString() {
        return "JdbcConsentLedger[" + prefix + "ledger_*]";
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private record Head(long sequence, String hash) {
    }

    /** The appends waiting for a group of shards, and whether a thread is writing them. Guarded by its own monitor. */
    private static final class Lane {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean leading;
    }

    /** One append waiting for its lane's writer: it ends with the stored record, a failure, or {@link #LEAD}. */
    private static final class Pending {
        private final NewConsentRecord record;
        private final int shard;
        private final String recordId = UUID.randomUUID().toString();
        private volatile CompletableFuture<Object> outcome = new CompletableFuture<>();

        Pending(NewConsentRecord record, int shard) {
            this.record = record;
            this.shard = shard;
        }

        /** Wakes this append's thread to lead the lane; its own outcome starts afresh. Called holding the lane's monitor. */
        void promote() {
            CompletableFuture<Object> waiting = outcome;
            outcome = new CompletableFuture<>();
            waiting.complete(LEAD);
        }

        ConsentRecord result() {
            Object o = outcome.join();
            if (o instanceof ConsentRecord r) {
                return r;
            }
            RuntimeException failure = (RuntimeException) o;
            if (failure instanceof LedgerException e) {
                throw new LedgerException(e.getMessage(), e.getCause());
            }
            throw failure;
        }
    }

    /** Carries a {@link SQLException} out of an iterator. */
    private static final class UncheckedSqlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** Builds a {@link JdbcConsentLedger}. */
    public static final class Builder {
        private final DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private int shards = LedgerChain.DEFAULT_SHARDS;
        private KnownPolicies policies = KnownPolicies.none();
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private int concurrentWrites = DEFAULT_CONCURRENT_WRITES;

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
            if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
                throw new IllegalArgumentException("table prefix must match " + PREFIX.pattern() + ", got " + tablePrefix);
            }
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
         * Builds the ledger and creates or checks its schema (or defers that to first use if the database is down).
         *
         * @return the ledger
         * @throws LedgerException if the database holds a schema this library cannot use
         */
        public JdbcConsentLedger build() {
            return new JdbcConsentLedger(this);
        }
    }
}
