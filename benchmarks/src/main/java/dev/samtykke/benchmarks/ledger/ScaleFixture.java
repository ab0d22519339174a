package dev.samtykke.benchmarks.ledger;

import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import org.h2.jdbcx.JdbcConnectionPool;
import org.postgresql.ds.PGConnectionPoolDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * A PostgreSQL schema of its own holding a consent ledger's tables, made by the ledger itself (plain, or partitioned by
 * month), filled fast with one {@code INSERT … SELECT … generate_series} of realistic reference-policy decisions: the
 * Jackon policy's two consent purposes, a 22-character subject id, 64-character hashes, four records per subject in one
 * shard, recorded over 24 months. The rows have the ledger's columns, keys and indexes, but their hashes are not a valid
 * chain (these benchmarks read; they do not verify). The secondary indexes are dropped during the load and made again
 * after it with the ledger's own statements, which ends in the same indexes as loading through them.
 */
final class ScaleFixture {

    static final String PREFIX = "samtykke_";
    /** Subjects have four records each. */
    static final int RECORDS_PER_SUBJECT = 4;
    /** The first month of the data; it spans {@link #MONTHS} months. */
    static final YearMonth FIRST = YearMonth.of(2025, 1);
    static final int MONTHS = 25;

    final JdbcConnectionPool pool;
    final String schema;
    final JdbcConsentLedger ledger;

    private ScaleFixture(JdbcConnectionPool pool, String schema, JdbcConsentLedger ledger) {
        this.pool = pool;
        this.schema = schema;
        this.ledger = ledger;
    }

    static String url() {
        return System.getProperty("ledger.url", Optional.ofNullable(System.getenv("SAMTYKKE_TEST_POSTGRES_URL"))
                .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
    }

    /** Creates the schema (dropping a leftover one), the ledger's tables in it, and loads {@code records} rows. */
    static ScaleFixture load(String schema, long records, boolean partitioned) throws SQLException {
        PGConnectionPoolDataSource setup = new PGConnectionPoolDataSource();
        setup.setURL(url());
        try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
        pg.setURL(url());
        pg.setCurrentSchema(schema);
        JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
        pool.setMaxConnections(8);
        Instant start = FIRST.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(pool).tablePrefix(PREFIX).partitionByMonth(partitioned)
                .clock(Clock.fixed(start, ZoneOffset.UTC)).build();
        String table = PREFIX + "ledger_record";
        long subjects = records / RECORDS_PER_SUBJECT;
        long t0 = System.nanoTime();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            if (partitioned) {
                for (int m = 0; m < MONTHS; m++) {
                    YearMonth month = FIRST.plusMonths(m);
                    s.execute("CREATE TABLE IF NOT EXISTS " + table + String.format(Locale.ROOT, "_y%04dm%02d", month.getYear(),
                            month.getMonthValue()) + " PARTITION OF " + table + " FOR VALUES FROM ('" + month.atDay(1)
                            + "T00:00:00Z') TO ('" + month.plusMonths(1).atDay(1) + "T00:00:00Z')");
                }
            }
            s.execute("DROP INDEX " + PREFIX + "ledger_record_subject");
            s.execute("DROP INDEX " + PREFIX + "ledger_record_expiry");
            // Record j of subject k: shard k % 16, position (k / 16) * 4 + j + 1 in it; recorded 6 months apart, so a
            // subject's records lie in four months, and the subjects spread over the first 6 months of each step.
            s.execute("INSERT INTO " + table + " (shard, seq, record_id, subject_id, policy_id, policy_version, grants,"
                    + " method, decided_at, expires_at, locale, collection_point, notice_hash, recorded_at, content_hash,"
                    + " previous_hash, record_hash, erased_at)"
                    + " SELECT (k % 16)::int, (k / 16) * 4 + j + 1, md5('r' || i)::uuid::text, 'S' || substr(md5('s' || k), 1, 21),"
                    + " 'jackon', '1.0', CASE (i % 3) WHEN 0 THEN '{\"analytics\":true,\"marketing\":true}'"
                    + " WHEN 1 THEN '{\"analytics\":false,\"marketing\":false}' ELSE '{\"analytics\":true,\"marketing\":false}' END,"
                    + " CASE (i % 3) WHEN 0 THEN 'accept-all' WHEN 1 THEN 'reject-all' ELSE 'custom' END,"
                    + " t, t + interval '12 months', 'nb', '/', md5('notice') || md5('notice-nb'), t,"
                    + " md5('c' || i) || md5('C' || i), md5('p' || i) || md5('P' || i), md5('h' || i) || md5('H' || i), NULL"
                    + " FROM (SELECT i, i / 4 AS k, i % 4 AS j, timestamptz '" + FIRST.atDay(1) + "T00:00:00Z'"
                    + " + (i % 4) * interval '6 months' + ((i / 4)::float8 / " + subjects + ") * interval '180 days' AS t"
                    + " FROM generate_series(0::bigint, " + (records - 1) + "::bigint) i) g");
            s.execute("CREATE INDEX IF NOT EXISTS " + PREFIX + "ledger_record_subject ON " + table + " (subject_id, seq)");
            s.execute("CREATE INDEX IF NOT EXISTS " + PREFIX + "ledger_record_expiry ON " + table + " (shard, expires_at)");
            s.execute("ANALYZE " + table);
        }
        System.err.printf(Locale.ROOT, "# loaded %,d records (%s) into %s in %.0f s%n", records,
                partitioned ? "partitioned by month" : "one table", schema, (System.nanoTime() - t0) / 1e9);
        return new ScaleFixture(pool, schema, ledger);
    }

    /** Bytes of the record table with its indexes and TOAST, the table alone, and each index, as one line. */
    String sizes() throws SQLException {
        String table = PREFIX + "ledger_record";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("WITH parts AS (SELECT to_regclass('" + table + "') AS oid UNION ALL"
                     + " SELECT inhrelid FROM pg_inherits WHERE inhparent = to_regclass('" + table + "'))"
                     + " SELECT (SELECT count(*) FROM " + table + "),"
                     + " sum(pg_total_relation_size(oid)), sum(pg_table_size(oid)), sum(pg_indexes_size(oid)) FROM parts")) {
            rs.next();
            long count = rs.getLong(1);
            long total = rs.getLong(2);
            long heap = rs.getLong(3);
            long indexes = rs.getLong(4);
            return String.format(Locale.ROOT, "%,d records: total %,d bytes (%.0f B/record; table %.0f B/record, indexes %.0f"
                            + " B/record) = %.2f GB per million decisions", count, total, (double) total / count,
                    (double) heap / count, (double) indexes / count, total / (double) count * 1e6 / 1e9);
        }
    }

    /** Drops the schema and closes the pool. */
    void drop() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path TO public");
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        } finally {
            pool.dispose();
        }
    }
}
