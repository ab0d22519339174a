package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monthly range partitions of a PostgreSQL ledger's record table ({@link JdbcConsentLedger.Builder#partitionByMonth}):
 * creates the partitioned table before the schema's own DDL, creates the partitions of the month of any append and of
 * the months around it ahead of time, and drops a past month's partition once every entry in it lies at or before its
 * shard's checkpoint (so that purge drops partitions instead of deleting rows).
 *
 * <p>Partitions are named {@code {prefix}ledger_record_yYYYYmMM} and hold the records recorded (UTC) in that month.
 */
final class MonthlyPartitions {

    private static final Logger LOG = LoggerFactory.getLogger(MonthlyPartitions.class);
    /** Months created ahead of the present one (and one behind, for clocks a little apart). */
    static final int AHEAD = 2;
    private static final String DDL = "/db/samtykke-partitioned/ledger_record_partitioned.sql";

    private final String prefix;
    private final String recordTable;
    private final String shardTable;
    private final Pattern name;
    /** The months known to have partitions, as a contiguous range of epoch seconds [from, to), or empty (from = to). */
    private volatile long knownFrom;
    private volatile long knownTo;

    MonthlyPartitions(String prefix, String shardTable) {
        this.prefix = prefix;
        this.recordTable = prefix + "ledger_record";
        this.shardTable = shardTable;
        this.name = Pattern.compile(Pattern.quote(recordTable) + "_y(\\d{4})m(\\d{2})");
    }

    /**
     * Before the schema's DDL: on PostgreSQL, creates the partitioned record table if missing (with schema management on)
     * or checks that the existing one is partitioned; then the partitions around {@code now}.
     *
     * @throws LedgerException on another database, or when the record table exists unpartitioned
     */
    void prepare(Connection c, Instant now, boolean create) throws SQLException {
        String product = String.valueOf(c.getMetaData().getDatabaseProductName()).toLowerCase(Locale.ROOT);
        if (!product.contains("postgresql")) {
            throw new LedgerException("consent ledger: partitioning by month needs PostgreSQL; this database is "
                    + c.getMetaData().getDatabaseProductName());
        }
        c.setAutoCommit(true);
        String kind = relationKind(c, recordTable);
        if (kind == null && create) {
            SqlScript.load(DDL, Map.of(LedgerSchema.PREFIX_PLACEHOLDER, prefix)).run(c);
            kind = relationKind(c, recordTable);
        }
        if (kind == null) {
            throw new LedgerException("consent ledger: the partitioned table " + recordTable + " is missing; create it with "
                    + DDL.substring(1) + " before Samtykke's migrations (docs/ledger.md, partitioning by month)");
        }
        if (!"p".equals(kind)) {
            throw new LedgerException("consent ledger: " + recordTable + " exists and is not partitioned; partitioning by"
                    + " month applies to a new ledger (or move the records into a partitioned table, docs/ledger.md)");
        }
        create(c, now);
    }

    /** The partitions of the month of {@code now} and around it, unless known to exist; takes a connection only then. */
    void ensure(Instant now, ConnectionSource connections) {
        long t = now.getEpochSecond();
        if (t >= knownFrom && t < knownTo) {
            return;
        }
        try (Connection c = connections.connect()) {
            c.setAutoCommit(true);
            create(c, now);
        } catch (SQLException e) {
            throw new LedgerException("consent ledger database is unavailable: could not create the partition of "
                    + YearMonth.from(now.atOffset(ZoneOffset.UTC)) + " (" + e + "); nothing was written", e);
        }
    }

    private synchronized void create(Connection c, Instant now) throws SQLException {
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        for (int i = -1; i <= AHEAD; i++) {
            YearMonth m = month.plusMonths(i);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + partition(m) + " PARTITION OF " + recordTable
                        + " FOR VALUES FROM ('" + start(m) + "') TO ('" + start(m.plusMonths(1)) + "')");
            } catch (SQLException e) {
                // Another instance created it at the same moment (duplicate table or type): it exists now.
                if (relationKind(c, partition(m)) == null) {
                    throw e;
                }
            }
        }
        long from = start(month.minusMonths(1)).getEpochSecond();
        long to = start(month.plusMonths(AHEAD + 1)).getEpochSecond();
        if (knownTo == knownFrom || to < knownFrom || from > knownTo) {
            knownFrom = from;
            knownTo = to;
        } else {
            knownFrom = Math.min(knownFrom, from);
            knownTo = Math.max(knownTo, to);
        }
    }

    /**
     * Drops each partition of a month before {@code now}'s whose every entry lies at or before its shard's checkpoint
     * (purged), each in a transaction of its own that locks the partition first.
     *
     * @return how many partitions were dropped
     */
    int dropPurged(Connection c, Instant now) throws SQLException {
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT child.relname FROM pg_inherits i"
                + " JOIN pg_class child ON child.oid = i.inhrelid WHERE i.inhparent = to_regclass(?)")) {
            ps.setString(1, recordTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Matcher m = name.matcher(rs.getString(1));
                    if (m.matches() && YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).isBefore(current)) {
                        candidates.add(rs.getString(1));
                    }
                }
            }
        }
        candidates.sort(null);
        int dropped = 0;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (String partition : candidates) {
                try (Statement s = c.createStatement()) {
                    s.execute("LOCK TABLE " + partition + " IN ACCESS EXCLUSIVE MODE");
                    boolean live;
                    try (ResultSet rs = s.executeQuery("SELECT 1 FROM " + partition + " p JOIN " + shardTable
                            + " s ON s.shard = p.shard WHERE p.seq > s.base_seq LIMIT 1")) {
                        live = rs.next();
                    }
                    if (live) {
                        c.rollback();
                        continue;
                    }
                    s.execute("DROP TABLE " + partition);
                    c.commit();
                    dropped++;
                    LOG.info("Consent ledger: dropped the partition {}, every entry in it purged", partition);
                } catch (SQLException e) {
                    c.rollback();
                    if (!"42P01".equals(e.getSQLState())) { // undefined table: another purge dropped it first
                        throw e;
                    }
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return dropped;
    }

    String partition(YearMonth m) {
        return recordTable + String.format(Locale.ROOT, "_y%04dm%02d", m.getYear(), m.getMonthValue());
    }

    private static Instant start(YearMonth m) {
        return m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** {@code p} partitioned, {@code r} plain, {@code null} missing (in the current search path). */
    private static String relationKind(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relkind FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Where connections come from. */
    interface ConnectionSource {
        Connection connect() throws SQLException;
    }
}
