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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A {@link ConsentLedger} in a SQL database through JDBC: H2 2.x (the embedded default) and PostgreSQL 12+.
 * Bring your own driver and, in production, a connection pool.
 *
 * <h2>Schema</h2>
 * Three tables named after a prefix (default {@code samtykke_}): {@code ledger_meta} (one row: schema version
 * and shard count), {@code ledger_shard} (per shard its head and checkpoint) and {@code ledger_record}, with an
 * index on {@code (subject_id, seq)} for a subject's look-ups and one on {@code (shard, expires_at)} for purges.
 * The ledger creates or upgrades them itself from the shipped SQL ({@code dev/samtykke/core/ledger/jdbc/schema-v1.sql}),
 * idempotently: several application instances may start together on one database. A database whose schema is newer
 * than this library is refused. If the database is down when the ledger is built, it logs a warning and creates the
 * schema on first use instead.
 *
 * <h2>Concurrency</h2>
 * An append runs in one transaction: lock its shard's head row, insert the record linked to that head, move the
 * head, commit. (The lock is an {@code UPDATE} of the head that compares it with the head this instance last wrote,
 * or, when another instance moved it since, a {@code SELECT ... FOR UPDATE}.) Only appends to the same shard wait on each other, whether from
 * one instance or from several sharing the database; a crash or failure rolls the whole record back. Within one
 * instance, appends that arrive for a shard while its previous transaction is still running are grouped: the first
 * of them writes them all, chained in arrival order, in one transaction with a batched insert (group commit), so
 * that the wait for the database's commit is shared instead of queued. Every caller returns only after the commit
 * that holds its record, and if that transaction fails, every record in it fails with the same {@link LedgerException}.
 * {@link #appendAll} writes many records in one transaction with batched statements, locking their shards in
 * ascending order (so concurrent batches cannot deadlock). Verification reads in one repeatable-read, read-only
 * transaction, streaming the records.
 */
public final class JdbcConsentLedger implements ConsentLedger {

    /** The schema version this library writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The default table prefix. */
    public static final String DEFAULT_TABLE_PREFIX = "samtykke_";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConsentLedger.class);
    private static final int MAX_ATTEMPTS = 4;
    private static final int MAX_GROUP = 500;
    private static final Object LEAD = new Object();
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,30}");
    private static final String COLUMNS = "shard, seq, record_id, subject_id, policy_id, policy_version, grants, method, "
            + "decided_at, expires_at, locale, collection_point, notice_hash, recorded_at, content_hash, previous_hash, record_hash";

    private final DataSource dataSource;
    private final Clock clock;
    private final KnownPolicies policies;
    private final String prefix;
    private final int requestedShards;
    private final String metaTable;
    private final String shardTable;
    private final String recordTable;
    private final Object schemaLock = new Object();
    private volatile int shards;
    private volatile ShardWriter[] writers;

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
        this.dataSource = b.dataSource;
        this.clock = b.clock;
        this.policies = b.policies;
        this.prefix = b.tablePrefix;
        this.requestedShards = b.shards;
        this.metaTable = prefix + "ledger_meta";
        this.shardTable = prefix + "ledger_shard";
        this.recordTable = prefix + "ledger_record";
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

    private void ensureSchema() {
        if (shards == 0) {
            synchronized (schemaLock) {
                if (shards == 0) {
                    initialiseSchema();
                }
            }
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
            ShardWriter[] w = new ShardWriter[stored];
            for (int i = 0; i < stored; i++) {
                w[i] = new ShardWriter();
            }
            writers = w;
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

    private void upgrade(Connection c, int from) throws SQLException {
        for (int version = from + 1; version <= SCHEMA_VERSION; version++) {
            for (String sql : script("schema-v" + version + ".sql")) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }
            c.setAutoCommit(false);
            try {
                if (version == 1) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + metaTable
                            + " (id, schema_version, shard_count, created_at) VALUES (1, ?, ?, ?)")) {
                        ps.setInt(1, version);
                        ps.setInt(2, requestedShards);
                        ps.setObject(3, time(clock.instant()));
                        ps.executeUpdate();
                    }
                } else {
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
            LOG.info("Consent ledger tables {}ledger_* at schema version {}", prefix, version);
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
        int shard = LedgerChain.shardOf(record.decision().subjectId(), shards);
        ShardWriter writer = writers[shard];
        Pending me = new Pending(record);
        boolean lead;
        CompletableFuture<Object> waiting;
        synchronized (writer) {
            writer.queue.add(me);
            waiting = me.outcome;
            lead = !writer.leading;
            writer.leading = true;
        }
        if (!lead && waiting.join() != LEAD) {
            return me.result();
        }
        // This thread leads the shard: it writes every append waiting for the shard, its own first, in one transaction.
        List<Pending> batch = new ArrayList<>();
        synchronized (writer) {
            while (!writer.queue.isEmpty() && batch.size() < MAX_GROUP) {
                batch.add(writer.queue.poll());
            }
        }
        try {
            List<ConsentRecord> written = writeGroup(shard, writer, batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome.complete(written.get(i));
            }
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.outcome.complete(e);
            }
        } finally {
            synchronized (writer) {
                Pending next = writer.queue.peek();
                if (next == null) {
                    writer.leading = false;
                } else {
                    next.promote();
                }
            }
        }
        return me.result();
    }

    /**
     * Writes appends of one shard in one transaction and commits. When this instance knows the shard's head from
     * its last write, it moves the head with a compare-and-set {@code UPDATE} (which also locks the row); if another
     * instance moved the head meanwhile, or the head is not known, it reads it with {@code SELECT ... FOR UPDATE}.
     * Then it inserts the records chained in order (batched when several).
     */
    private List<ConsentRecord> writeGroup(int shard, ShardWriter writer, List<Pending> group) {
        Head known = writer.head;
        try {
            List<ConsentRecord> written = inTransaction(group.size() == 1 ? "append a consent record"
                    : "append " + group.size() + " consent records", c -> {
                Instant now = clock.instant();
                if (known != null) {
                    List<ConsentRecord> sealed = seal(group, shard, known, now);
                    if (moveHead(c, shard, known, sealed.get(sealed.size() - 1))) {
                        insert(c, sealed);
                        return sealed;
                    }
                }
                List<ConsentRecord> sealed = seal(group, shard, lockHead(c, shard), now);
                insert(c, sealed);
                updateHead(c, shard, sealed.get(sealed.size() - 1));
                return sealed;
            });
            ConsentRecord last = written.get(written.size() - 1);
            writer.head = new Head(last.sequence(), last.hash());
            return written;
        } catch (RuntimeException e) {
            writer.head = null;
            throw e;
        }
    }

    private static List<ConsentRecord> seal(List<Pending> group, int shard, Head head, Instant now) {
        List<ConsentRecord> sealed = new ArrayList<>(group.size());
        long sequence = head.sequence;
        String previous = head.hash;
        for (Pending p : group) {
            ConsentRecord r = LedgerChain.seal(p.record, p.recordId, now, shard, ++sequence, previous);
            previous = r.hash();
            sealed.add(r);
        }
        return sealed;
    }

    private void insert(Connection c, List<ConsentRecord> sealed) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(insertSql())) {
            if (sealed.size() == 1) {
                bindInsert(insert, sealed.get(0));
                insert.executeUpdate();
            } else {
                for (ConsentRecord r : sealed) {
                    bindInsert(insert, r);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** Moves the shard's head from {@code expected} to {@code head}; false if the head is no longer {@code expected}. */
    private boolean moveHead(Connection c, int shard, Head expected, ConsentRecord head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + shardTable
                + " SET head_seq = ?, head_hash = ? WHERE shard = ? AND head_seq = ? AND head_hash = ?")) {
            ps.setLong(1, head.sequence());
            ps.setString(2, head.hash());
            ps.setInt(3, shard);
            ps.setLong(4, expected.sequence);
            ps.setString(5, expected.hash);
            return ps.executeUpdate() == 1;
        }
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
        int count = shards;
        return inTransaction("append consent records", c -> {
            TreeMap<Integer, Head> heads = new TreeMap<>();
            for (NewConsentRecord r : records) {
                heads.put(LedgerChain.shardOf(r.decision().subjectId(), count), null);
            }
            for (Integer shard : heads.keySet()) {
                heads.put(shard, lockHead(c, shard));
            }
            Instant now = clock.instant();
            List<ConsentRecord> sealed = new ArrayList<>(records.size());
            try (PreparedStatement insert = c.prepareStatement(insertSql())) {
                for (NewConsentRecord r : records) {
                    int shard = LedgerChain.shardOf(r.decision().subjectId(), count);
                    Head head = heads.get(shard);
                    ConsentRecord s = LedgerChain.seal(r, UUID.randomUUID().toString(), now, shard, head.sequence + 1, head.hash);
                    heads.put(shard, new Head(s.sequence(), s.hash()));
                    bindInsert(insert, s);
                    insert.addBatch();
                    sealed.add(s);
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE " + shardTable
                    + " SET head_seq = ?, head_hash = ? WHERE shard = ?")) {
                for (var e : heads.entrySet()) {
                    update.setLong(1, e.getValue().sequence);
                    update.setString(2, e.getValue().hash);
                    update.setInt(3, e.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return List.copyOf(sealed);
        });
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

    private void updateHead(Connection c, int shard, ConsentRecord head) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + shardTable + " SET head_seq = ?, head_hash = ? WHERE shard = ?")) {
            ps.setLong(1, head.sequence());
            ps.setString(2, head.hash());
            ps.setInt(3, shard);
            ps.executeUpdate();
        }
    }

    @Override
    public int erase(String subjectId) {
        LedgerChain.requireSubjectId(subjectId);
        ensureSchema();
        int shard = LedgerChain.shardOf(subjectId, shards);
        return inTransaction("erase a subject", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + recordTable + " SET " + clearContent()
                    + " WHERE subject_id = ? AND shard = ?")) {
                ps.setObject(1, time(clock.instant()));
                ps.setString(2, subjectId);
                ps.setInt(3, shard);
                return ps.executeUpdate();
            }
        });
    }

    private static String clearContent() {
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
            purged += inTransaction("purge expired consent records", c -> purgeShard(c, s, olderThan));
        }
        return purged;
    }

    private int purgeShard(Connection c, int shard, Instant olderThan) throws SQLException {
        long baseSequence;
        long headSequence;
        try (PreparedStatement ps = c.prepareStatement("SELECT base_seq, head_seq FROM " + shardTable + " WHERE shard = ? FOR UPDATE")) {
            ps.setInt(1, shard);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LedgerException("consent ledger: shard " + shard + " has no head row in " + shardTable);
                }
                baseSequence = rs.getLong(1);
                headSequence = rs.getLong(2);
            }
        }
        int purged;
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + recordTable + " SET " + clearContent()
                + " WHERE shard = ? AND expires_at < ? AND subject_id IS NOT NULL")) {
            ps.setObject(1, time(clock.instant()));
            ps.setInt(2, shard);
            ps.setObject(3, time(olderThan));
            purged = ps.executeUpdate();
        }
        long firstKept = headSequence + 1;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(seq) FROM " + recordTable
                + " WHERE shard = ? AND (subject_id IS NOT NULL OR expires_at >= ?)")) {
            ps.setInt(1, shard);
            ps.setObject(2, time(olderThan));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long min = rs.getLong(1);
                    if (!rs.wasNull()) {
                        firstKept = min;
                    }
                }
            }
        }
        long newBase = firstKept - 1;
        if (newBase > baseSequence) {
            String baseHash;
            try (PreparedStatement ps = c.prepareStatement("SELECT record_hash FROM " + recordTable + " WHERE shard = ? AND seq = ?")) {
                ps.setInt(1, shard);
                ps.setLong(2, newBase);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new LedgerException("consent ledger: shard " + shard + " lacks record #" + newBase
                                + "; run verify() before purging");
                    }
                    baseHash = rs.getString(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + recordTable + " WHERE shard = ? AND seq <= ?")) {
                ps.setInt(1, shard);
                ps.setLong(2, newBase);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + shardTable + " SET base_seq = ?, base_hash = ? WHERE shard = ?")) {
                ps.setLong(1, newBase);
                ps.setString(2, baseHash);
                ps.setInt(3, shard);
                ps.executeUpdate();
            }
        }
        return purged;
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

    @Override
    public String export(String subjectId, ConsentPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return ConsentRecordExport.toJson(subjectId, history(subjectId), policy, clock.instant());
    }

    private List<ConsentRecord> query(String what, String sql, String subjectId) {
        ensureSchema();
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subjectId);
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
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(1000);
                    try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + ", erased_at FROM " + recordTable + " ORDER BY shard, seq")) {
                        Rows rows = new Rows(rs);
                        for (int shard = 0; shard < count; shard++) {
                            verifier.checkShard(shard, baseSeq[shard], baseHash[shard], headSeq[shard], headHash[shard],
                                    rows.shard(shard));
                        }
                        rows.skipRest();
                    }
                }
                c.commit();
                return verifier.result();
            } finally {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is going back to the pool or away; nothing was written
                }
                c.setReadOnly(false);
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
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
            return new ChainEntry(shard, seq, recordId, contentHash, previousHash, hash, recordedAt, null);
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

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(LedgerChain.stored(instant), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private Connection connection() {
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new LedgerException("consent ledger database is unavailable: cannot get a connection ("
                    + e.getMessage() + ")", e);
        }
        if (c == null) {
            throw new LedgerException("consent ledger database is unavailable: the DataSource returned no connection");
        }
        return c;
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

    /** The appends waiting for one shard, and whether a thread is writing them. Guarded by its own monitor. */
    private static final class ShardWriter {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean leading;
        /** The head this instance last wrote, or null if unknown; used only by the leading thread. */
        private volatile Head head;
    }

    /** One append waiting for its shard's writer: it ends with the stored record, a failure, or {@link #LEAD}. */
    private static final class Pending {
        private final NewConsentRecord record;
        private final String recordId = UUID.randomUUID().toString();
        private volatile CompletableFuture<Object> outcome = new CompletableFuture<>();

        Pending(NewConsentRecord record) {
            this.record = record;
        }

        /** Wakes this append's thread to lead the shard; its own outcome starts afresh. Called holding the writer's monitor. */
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
