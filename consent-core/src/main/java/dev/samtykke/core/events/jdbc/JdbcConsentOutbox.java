package dev.samtykke.core.events.jdbc;

import dev.samtykke.core.events.ConsentEvent;
import dev.samtykke.core.events.ConsentOutbox;
import dev.samtykke.core.events.OutboxEntry;
import dev.samtykke.core.events.OutboxStats;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.ledger.jdbc.SchemaManagement;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outbox of consent events in a SQL database (H2, PostgreSQL, MariaDB, MySQL), in the table
 * {@code <prefix>consent_outbox} (default {@code samtykke_consent_outbox}) beside the JDBC ledger's. Give it to the
 * ledger ({@link JdbcConsentLedger.Builder#outbox}), which inserts each entry's event in the transaction that appends
 * the entry; an {@link dev.samtykke.core.events.OutboxRelay} delivers from it.
 *
 * <p>The table's columns {@code id, aggregatetype, aggregateid, type, payload, timestamp} are those Debezium's outbox
 * event router reads (see {@code docs/events.md}); the rest is the relay's bookkeeping. Claims are leases taken with a
 * compare-and-set {@code UPDATE} on the row (portable, and safe with several relays): a claim of an event whose lease
 * is held, or that is not its subject's oldest pending one, takes nothing. Each relay call runs on its own connection
 * in auto-commit.
 *
 * <p>With {@link SchemaManagement#CREATE} (the default) the table is created on first use from the Flyway migration
 * {@code V5__samtykke_consent_outbox.sql} ({@value JdbcConsentLedger#FLYWAY_LOCATION} or
 * {@value JdbcConsentLedger#FLYWAY_LOCATION_MARIADB}); with {@link SchemaManagement#NONE} it is only checked.
 */
public final class JdbcConsentOutbox implements ConsentOutbox {

    private static final String PENDING = "pending";
    private static final String DELIVERED = "delivered";
    private static final String DEAD = "dead";

    private final DataSource dataSource;
    private final String prefix;
    private final String table;
    private final SchemaManagement schemaManagement;
    private volatile OutboxTable dialect;

    private JdbcConsentOutbox(Builder b) {
        this.dataSource = b.dataSource;
        this.prefix = b.tablePrefix;
        this.table = b.tablePrefix + "consent_outbox";
        this.schemaManagement = b.schemaManagement;
    }

    /**
     * An outbox in {@code samtykke_consent_outbox}, created if missing.
     *
     * @param dataSource the ledger's database
     */
    public JdbcConsentOutbox(DataSource dataSource) {
        this(builder(dataSource));
    }

    /**
     * A builder, for a table prefix or schema management of one's own (use the ledger's).
     *
     * @param dataSource the ledger's database
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    /** The dialect, after creating or checking the table on first use (not when built: the database may be down). */
    private OutboxTable ready(Connection c) throws SQLException {
        OutboxTable known = dialect;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (dialect == null) {
                OutboxTable found = OutboxTable.of(c);
                if (schemaManagement == SchemaManagement.CREATE) {
                    try (Connection own = dataSource.getConnection()) {
                        found.create(own, prefix); // DDL on a connection of its own: c may be inside a transaction
                    }
                } else {
                    found.check(c, table);
                }
                dialect = found;
            }
            return dialect;
        }
    }

    // ------------------------------------------------------------------ writes, in the ledger's transaction

    /**
     * Inserts the events of stored records, on the ledger's connection inside its append transaction (it commits or
     * rolls back with the records).
     *
     * @param c the ledger's connection, in its transaction
     * @param records the records just inserted, in chain order
     * @param storedAt when the ledger stored them (the {@code timestamp} column)
     * @throws SQLException if the insert fails (the ledger then rolls its transaction back)
     */
    public void recorded(Connection c, Collection<ConsentRecord> records, Instant storedAt) throws SQLException {
        List<ConsentEvent> events = new ArrayList<>(records.size());
        for (ConsentRecord r : records) {
            events.add(ConsentEvent.recorded(r));
        }
        insert(c, events, storedAt);
    }

    /**
     * On the ledger's connection inside its erasure transaction: deletes every event of the subject still held (pending,
     * delivered or dead: the outbox keeps nothing of an erased subject) and inserts the erasure's event, which tells
     * downstream systems to erase the subject too.
     *
     * @param c the ledger's connection, in its transaction
     * @param subjectId the erased subject
     * @param at when
     * @param ledgerSequence the position of the ledger's erasure event
     * @throws SQLException if a statement fails (the ledger then rolls the erasure back)
     */
    public void erased(Connection c, String subjectId, Instant at, long ledgerSequence) throws SQLException {
        OutboxTable d = ready(c);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE aggregateid = ?")) {
            ps.setString(1, subjectId);
            ps.executeUpdate();
        }
        insert(c, d, List.of(ConsentEvent.erased(subjectId, at, ledgerSequence)), at);
    }

    private void insert(Connection c, List<ConsentEvent> events, Instant storedAt) throws SQLException {
        insert(c, ready(c), events, storedAt);
    }

    private void insert(Connection c, OutboxTable d, List<ConsentEvent> events, Instant storedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, aggregatetype, aggregateid, type, payload,"
                + " timestamp, seq, status, attempts, available_at, lease_until, delivered_to)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, '" + PENDING + "', 0, 0, 0, '')")) {
            for (ConsentEvent e : events) {
                ps.setString(1, e.eventId());
                ps.setString(2, ConsentEvent.AGGREGATE_TYPE);
                ps.setString(3, e.subjectId());
                ps.setString(4, e.type().id());
                ps.setString(5, e.toJson());
                ps.setObject(6, d.time(storedAt));
                ps.setLong(7, e.ledgerSequence());
                if (events.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (events.size() > 1) {
                ps.executeBatch();
            }
        }
    }

    // ------------------------------------------------------------------ the relay's side

    @Override
    public List<OutboxEntry> claim(String relay, int limit, Instant now, Duration lease) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        long nowMs = now.toEpochMilli();
        try (Connection c = dataSource.getConnection()) {
            ready(c);
            c.setAutoCommit(true);
            List<OutboxEntry> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT o.id, o.payload, o.attempts, o.delivered_to FROM " + table + " o"
                    + " WHERE o.status = '" + PENDING + "' AND o.available_at <= ? AND o.lease_until <= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM " + table + " e WHERE e.aggregateid = o.aggregateid"
                    + " AND e.status = '" + PENDING + "' AND e.seq < o.seq)"
                    + " ORDER BY o.available_at, o.seq LIMIT ?")) {
                ps.setLong(1, nowMs);
                ps.setLong(2, nowMs);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new OutboxEntry(ConsentEvent.fromJson(rs.getString(2)), rs.getInt(3), sinks(rs.getString(4))));
                    }
                }
            }
            List<OutboxEntry> claimed = new ArrayList<>(candidates.size());
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET lease_owner = ?, lease_until = ?"
                    + " WHERE id = ? AND status = '" + PENDING + "' AND lease_until <= ? AND available_at <= ?")) {
                for (OutboxEntry e : candidates) {
                    ps.setString(1, relay);
                    ps.setLong(2, now.plus(lease).toEpochMilli());
                    ps.setString(3, e.event().eventId());
                    ps.setLong(4, nowMs);
                    ps.setLong(5, nowMs);
                    if (ps.executeUpdate() == 1) {
                        claimed.add(e);
                    }
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw failure("claim consent events", e);
        }
    }

    @Override
    public void delivered(String relay, String eventId, Instant now) {
        update("settle a delivered consent event", "UPDATE " + table + " SET status = '" + DELIVERED + "', done_at = ?,"
                + " lease_owner = NULL, lease_until = 0 WHERE id = ? AND lease_owner = ? AND status = '" + PENDING + "'",
                now.toEpochMilli(), eventId, relay);
    }

    /**
     * Also moves the subject's later pending events to the retry time, so that while the subject waits, its events are
     * not due, and the claim's scan (by status and due time) passes over them instead of reading each to find it blocked.
     */
    @Override
    public void retry(String relay, String eventId, int attempts, Set<String> deliveredTo, Instant retryAt, String error) {
        int released = update("release a consent event for retry", "UPDATE " + table + " SET attempts = ?, delivered_to = ?,"
                + " available_at = ?, lease_owner = NULL, lease_until = 0, last_error = ? WHERE id = ? AND lease_owner = ?"
                + " AND status = '" + PENDING + "'",
                attempts, String.join(",", new TreeSet<>(deliveredTo)), retryAt.toEpochMilli(), shorten(error), eventId, relay);
        if (released == 1) {
            deferLater(eventId, retryAt);
        }
    }

    /** Moves the pending events after this one of its subject to {@code until} (MySQL refuses a subquery on the target). */
    private void deferLater(String eventId, Instant until) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            String subject;
            long seq;
            try (PreparedStatement ps = c.prepareStatement("SELECT aggregateid, seq FROM " + table + " WHERE id = ?")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    subject = rs.getString(1);
                    seq = rs.getLong(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET available_at = ? WHERE aggregateid = ?"
                    + " AND status = '" + PENDING + "' AND seq > ? AND available_at < ?")) {
                ps.setLong(1, until.toEpochMilli());
                ps.setString(2, subject);
                ps.setLong(3, seq);
                ps.setLong(4, until.toEpochMilli());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure("defer a subject's later consent events", e);
        }
    }

    @Override
    public void deadLetter(String relay, String eventId, int attempts, Set<String> deliveredTo, String error, Instant now) {
        update("dead-letter a consent event", "UPDATE " + table + " SET status = '" + DEAD + "', attempts = ?, delivered_to = ?,"
                + " done_at = ?, lease_owner = NULL, lease_until = 0, last_error = ? WHERE id = ? AND lease_owner = ?"
                + " AND status = '" + PENDING + "'",
                attempts, String.join(",", new TreeSet<>(deliveredTo)), now.toEpochMilli(), shorten(error), eventId, relay);
    }

    /** Back in line at its place in the subject's order: it goes before the subject's events still pending. */
    @Override
    public boolean redeliver(String eventId, Instant now) {
        return update("redeliver a consent event", "UPDATE " + table + " SET status = '" + PENDING + "', attempts = 0,"
                + " available_at = ?, done_at = NULL WHERE id = ? AND status = '" + DEAD + "'", now.toEpochMilli(), eventId) == 1;
    }

    @Override
    public List<ConsentEvent> deadLetters(int limit) {
        try (Connection c = dataSource.getConnection()) {
            ready(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM " + table + " WHERE status = '" + DEAD + "'"
                    + " ORDER BY done_at, seq LIMIT ?")) {
                ps.setInt(1, limit);
                List<ConsentEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(ConsentEvent.fromJson(rs.getString(1)));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw failure("read dead-lettered consent events", e);
        }
    }

    @Override
    public int purgeDelivered(Instant olderThan) {
        return update("purge delivered consent events", "DELETE FROM " + table + " WHERE status = '" + DELIVERED + "' AND done_at < ?",
                olderThan.toEpochMilli());
    }

    @Override
    public OutboxStats stats(Instant now) {
        try (Connection c = dataSource.getConnection()) {
            OutboxTable d = ready(c);
            long pending = 0;
            long dead = 0;
            Instant oldest = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*), MIN(timestamp) FROM " + table
                    + " WHERE status <> '" + DELIVERED + "' GROUP BY status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (PENDING.equals(rs.getString(1))) {
                        pending = rs.getLong(2);
                        oldest = d.instant(rs, 3);
                    } else {
                        dead = rs.getLong(2);
                    }
                }
            }
            Duration lag = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
            return new OutboxStats(pending, dead, lag);
        } catch (SQLException e) {
            throw failure("read the consent outbox's state", e);
        }
    }

    private int update(String what, String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            ready(c);
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                return ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static Set<String> sinks(String deliveredTo) {
        return deliveredTo == null || deliveredTo.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(deliveredTo.strip().split(",")));
    }

    private static String shorten(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= 256 ? error : error.substring(0, 255) + "…";
    }

    private LedgerException failure(String what, SQLException e) {
        return new LedgerException("consent events: could not " + what + " in " + table + " (SQLState " + e.getSQLState()
                + ": " + e.getMessage() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcConsentOutbox[" + table + "]";
    }

    /** Builds a {@link JdbcConsentOutbox}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tablePrefix = JdbcConsentLedger.DEFAULT_TABLE_PREFIX;
        private SchemaManagement schemaManagement = SchemaManagement.CREATE;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * The table prefix, the ledger's (default {@value JdbcConsentLedger#DEFAULT_TABLE_PREFIX}).
         *
         * @param tablePrefix lower-case letters, digits and underscores, at most 31 characters
         * @return this builder
         */
        public Builder tablePrefix(String tablePrefix) {
            JdbcConsentLedger.requireTablePrefix(tablePrefix);
            this.tablePrefix = tablePrefix;
            return this;
        }

        /**
         * Who creates the table: this store on first use ({@link SchemaManagement#CREATE}, the default) or the
         * application's Flyway ({@link SchemaManagement#NONE}; the store then checks it).
         *
         * @param schemaManagement CREATE or NONE
         * @return this builder
         */
        public Builder schemaManagement(SchemaManagement schemaManagement) {
            this.schemaManagement = Objects.requireNonNull(schemaManagement, "schemaManagement");
            return this;
        }

        /**
         * Builds the outbox; the database is first reached on first use.
         *
         * @return the outbox
         */
        public JdbcConsentOutbox build() {
            return new JdbcConsentOutbox(this);
        }
    }
}
