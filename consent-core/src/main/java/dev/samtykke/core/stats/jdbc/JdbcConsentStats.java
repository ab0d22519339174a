package dev.samtykke.core.stats.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.ledger.jdbc.SchemaManagement;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.StatsCount;
import dev.samtykke.core.stats.StatsMetric;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The consent counters in one aggregate table, {@code <prefix>stats_count} (default {@code samtykke_stats_count}),
 * on H2, PostgreSQL, MariaDB or MySQL, made or checked on first use (so a database down at start-up does not stop
 * the application). Each {@link #add} is one transaction of upserts ({@code MERGE} on H2,
 * {@code INSERT ... ON CONFLICT DO UPDATE} on PostgreSQL, {@code ON DUPLICATE KEY UPDATE} on MariaDB), one per counter, taken in key order so that concurrent
 * writers never deadlock; a transaction that two writers race for (a duplicate key, a serialization failure) is
 * retried, so no increment is lost. Reading a range of days reads only its rows (the table's key starts with the day).
 *
 * <p>The table's DDL is {@code V3__samtykke_stats_tables.sql} in {@value JdbcConsentLedger#FLYWAY_LOCATION}, beside
 * the ledger's migrations: with {@link SchemaManagement#CREATE} (the default) this store runs it when the table is
 * missing; with {@link SchemaManagement#NONE} the application's Flyway does, and this store only checks the table.
 */
public final class JdbcConsentStats implements ConsentStats {

    /** The migration holding the table's DDL, in {@value JdbcConsentLedger#FLYWAY_LOCATION}. */
    static final String SCRIPT = "/db/samtykke/V3__samtykke_stats_tables.sql";
    /** The same for MariaDB and MySQL (InnoDB, a case-sensitive collation), beside the ledger's MariaDB migrations. */
    static final String SCRIPT_MARIADB = "/db/samtykke-mariadb/V3__samtykke_stats_tables.sql";
    private static final int ATTEMPTS = 10;

    private final DataSource dataSource;
    private final String table;
    private final String tablePrefix;
    private final SchemaManagement schemaManagement;
    /** The upsert in the database's SQL, once the table has been created or checked; {@code null} before. */
    private volatile String upsert;

    private JdbcConsentStats(Builder b) {
        this.dataSource = b.dataSource;
        this.tablePrefix = b.tablePrefix;
        this.schemaManagement = b.schemaManagement;
        this.table = b.tablePrefix + "stats_count";
    }

    /**
     * The upsert, after creating or checking the table on first use: not when built, so that an application whose
     * database is down at start-up still starts (its counts wait in {@link dev.samtykke.core.stats.BufferedConsentStats}).
     */
    private String ready() {
        String known = upsert;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (upsert == null) {
                try (Connection c = dataSource.getConnection()) {
                    StatsDialect dialect = StatsDialect.of(c.getMetaData().getDatabaseProductName());
                    if (schemaManagement == SchemaManagement.CREATE) {
                        StatsTable.create(c, tablePrefix, dialect);
                    } else {
                        StatsTable.check(c, table);
                    }
                    upsert = dialect.upsert(table);
                } catch (SQLException e) {
                    throw new LedgerException("consent counters: cannot create or check the table " + table + ": " + e, e);
                }
            }
            return upsert;
        }
    }

    /**
     * Counters in a database, in {@code samtykke_stats_count}, creating the table if missing.
     *
     * @param dataSource the database
     */
    public JdbcConsentStats(DataSource dataSource) {
        this(builder(dataSource));
    }

    /**
     * A builder, for a table prefix or schema management of one's own.
     *
     * @param dataSource the database
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The name of the aggregate table. */
    String table() {
        return table;
    }

    @Override
    public void add(List<StatsCount> increments) {
        List<StatsCount> merged = merged(increments);
        if (merged.isEmpty()) {
            return;
        }
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                write(merged);
                return;
            } catch (SQLException e) {
                if (!isRace(e)) {
                    throw new LedgerException("consent counters: cannot write " + table + ": " + e, e);
                }
                last = e;
                Thread.onSpinWait();
            }
        }
        throw new LedgerException("consent counters: " + table + " stayed contended over " + ATTEMPTS + " attempts", last);
    }

    private void write(List<StatsCount> merged) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(ready())) {
                for (StatsCount inc : merged) {
                    ps.setDate(1, Date.valueOf(inc.day()));
                    ps.setString(2, inc.policyVersion());
                    ps.setString(3, inc.locale());
                    ps.setString(4, inc.metric().id());
                    ps.setString(5, inc.item());
                    ps.setLong(6, inc.count());
                    ps.addBatch();
                }
                ps.executeBatch(); // one round trip for a decision's counters where the driver sends batches together
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** Whether a failure is two writers racing for one counter (retry), not a fault. */
    private static boolean isRace(SQLException e) {
        for (Throwable t : e) { // the exception, its causes and (for a batch) the chained next exceptions
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.equals("23505") || state.startsWith("40") || state.equals("HYT00")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The increments with one entry per counter (their counts summed), in key order, without zeros. */
    static List<StatsCount> merged(List<StatsCount> increments) {
        List<StatsCount> sorted = new ArrayList<>(increments);
        sorted.sort(StatsCount.KEY_ORDER);
        List<StatsCount> merged = new ArrayList<>(sorted.size());
        for (StatsCount inc : sorted) {
            int lastIndex = merged.size() - 1;
            if (lastIndex >= 0 && merged.get(lastIndex).sameKey(inc)) {
                merged.set(lastIndex, inc.withCount(merged.get(lastIndex).count() + inc.count()));
            } else {
                merged.add(inc);
            }
        }
        merged.removeIf(inc -> inc.count() == 0);
        return merged;
    }

    @Override
    public List<StatsCount> counts(LocalDate from, LocalDate to) {
        ready();
        List<StatsCount> counts = new ArrayList<>();
        if (from.isAfter(to)) {
            return counts;
        }
        String sql = "SELECT stat_day, policy_version, locale, metric, item, n FROM " + table
                + " WHERE stat_day >= ? AND stat_day <= ? AND n > 0";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(from));
            ps.setDate(2, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StatsMetric metric = StatsMetric.fromId(rs.getString(4)).orElse(null);
                    if (metric != null) { // a metric of a later version: not ours to read
                        counts.add(new StatsCount(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3), metric,
                                rs.getString(5), rs.getLong(6)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("consent counters: cannot read " + table + ": " + e, e);
        }
        counts.sort(StatsCount.KEY_ORDER);
        return counts;
    }

    @Override
    public String toString() {
        return "JdbcConsentStats[" + table + "]";
    }

    /** Builds a {@link JdbcConsentStats}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = JdbcConsentLedger.DEFAULT_TABLE_PREFIX;
        private SchemaManagement schemaManagement = SchemaManagement.CREATE;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The prefix of the table's name (default {@code samtykke_}, as the ledger's).
         *
         * @param tablePrefix lower-case letters, digits and underscores (not starting with a digit), at most 31 characters
         * @return this builder
         */
        public Builder tablePrefix(String tablePrefix) {
            JdbcConsentLedger.requireTablePrefix(tablePrefix);
            this.tablePrefix = tablePrefix;
            return this;
        }

        /**
         * Who creates the table: this store when missing ({@link SchemaManagement#CREATE}, the default), or the
         * application's Flyway ({@link SchemaManagement#NONE}; then the store checks that it exists).
         *
         * @param schemaManagement the choice
         * @return this builder
         */
        public Builder schemaManagement(SchemaManagement schemaManagement) {
            this.schemaManagement = Objects.requireNonNull(schemaManagement, "schemaManagement");
            return this;
        }

        /**
         * Builds the store, creating or checking its table.
         *
         * @return the store
         * @throws LedgerException if the database cannot be reached, is not supported or lacks the table
         */
        public JdbcConsentStats build() {
            return new JdbcConsentStats(this);
        }
    }
}
