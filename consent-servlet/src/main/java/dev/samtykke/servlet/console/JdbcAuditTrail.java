package dev.samtykke.servlet.console;

import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.ledger.jdbc.SamtykkeMigrations;
import dev.samtykke.core.ledger.jdbc.SchemaManagement;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The audit trail in a table, {@code <prefix>console_audit} (default {@code samtykke_console_audit}), on H2,
 * PostgreSQL, MariaDB or MySQL: it outlives restarts and is shared by every instance of the application. Each entry is
 * one row, written in a transaction of its own before the console answers; a database that refuses it fails the
 * action (the console answers 503 and does nothing). The table is made or checked on first use, so a database down at
 * start-up does not stop the application.
 *
 * <p>The table's DDL is {@code V4__samtykke_console_audit.sql} in {@value JdbcConsentLedger#FLYWAY_LOCATION} (and
 * {@value JdbcConsentLedger#FLYWAY_LOCATION_MARIADB}), beside the ledger's and the counters' migrations: with
 * {@link SchemaManagement#CREATE} (the default) this store runs it when the table is missing; with
 * {@link SchemaManagement#NONE} the application's Flyway does, and this store only checks the table.
 *
 * <p>What a row holds is the {@link AuditEntry}: the console user's name, the action, its time and outcome, and whose
 * records as a truncated SHA-256 of the consent id, never the id. Names and outcomes longer than the columns
 * ({@value #MAX_TEXT} characters) are cut, ending in {@code …}. Rows are never deleted by this store.
 */
public final class JdbcAuditTrail implements AuditTrail {

    /** The migration holding the table's DDL. */
    static final String MIGRATION = "V4__samtykke_console_audit.sql";
    /** The length of the principal and outcome columns. */
    static final int MAX_TEXT = 255;

    private final DataSource dataSource;
    private final String tablePrefix;
    private final String table;
    private final SchemaManagement schemaManagement;
    /** Whether the database is MariaDB or MySQL (times as UTC {@code DATETIME}), once the table is ready; else null. */
    private volatile Boolean mariaDb;

    private JdbcAuditTrail(Builder b) {
        this.dataSource = b.dataSource;
        this.tablePrefix = b.tablePrefix;
        this.schemaManagement = b.schemaManagement;
        this.table = b.tablePrefix + "console_audit";
    }

    /**
     * An audit trail in {@code samtykke_console_audit}, creating the table when missing.
     *
     * @param dataSource the database
     */
    public JdbcAuditTrail(DataSource dataSource) {
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

    /** The table's name. */
    String table() {
        return table;
    }

    private boolean ready() {
        Boolean known = mariaDb;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (mariaDb == null) {
                try (Connection c = dataSource.getConnection()) {
                    String product = c.getMetaData().getDatabaseProductName();
                    if (schemaManagement == SchemaManagement.CREATE) {
                        SamtykkeMigrations.run(c, MIGRATION, tablePrefix);
                    } else {
                        SamtykkeMigrations.statements(MIGRATION, product, tablePrefix); // refuses an unknown database
                        check(c);
                    }
                    mariaDb = SamtykkeMigrations.isMariaDb(product);
                } catch (SQLException e) {
                    throw new LedgerException("console audit trail: cannot create or check the table " + table + ": " + e, e);
                }
            }
            return mariaDb;
        }
    }

    private void check(Connection c) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT entry_id, recorded_at, principal, action_id, subject_ref, outcome FROM " + table
                    + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw new LedgerException("console audit trail: table " + table + " is missing or incomplete; run Samtykke's"
                    + " Flyway migrations (classpath:db/samtykke, version 4) or use schema management CREATE: " + e, e);
        }
    }

    @Override
    public void record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        boolean maria = ready();
        String sql = "INSERT INTO " + table + " (recorded_at, principal, action_id, subject_ref, outcome)"
                + " VALUES (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                Instant at = entry.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // the columns keep microseconds
                ps.setObject(1, maria ? LocalDateTime.ofInstant(at, ZoneOffset.UTC)
                        : OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.setString(2, cut(entry.principal()));
                ps.setString(3, entry.action().id());
                ps.setString(4, entry.subject());
                ps.setString(5, cut(entry.outcome()));
                ps.executeUpdate();
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new LedgerException("console audit trail: cannot write " + table + ": " + e, e);
        }
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        List<AuditEntry> entries = new ArrayList<>();
        if (limit < 1) {
            return entries;
        }
        boolean maria = ready();
        String sql = "SELECT recorded_at, principal, action_id, subject_ref, outcome FROM " + table
                + " ORDER BY entry_id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = maria ? rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC)
                            : rs.getObject(1, OffsetDateTime.class).toInstant();
                    AuditAction action = action(rs.getString(3));
                    if (action != null) { // an action of a later version: not ours to read
                        entries.add(new AuditEntry(at, rs.getString(2), action, rs.getString(4), rs.getString(5)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new LedgerException("console audit trail: cannot read " + table + ": " + e, e);
        }
        return entries;
    }

    private static AuditAction action(String id) {
        return Arrays.stream(AuditAction.values()).filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    /** A text cut to the column's length, ending in an ellipsis when cut. */
    static String cut(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int end = MAX_TEXT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    @Override
    public String toString() {
        return "JdbcAuditTrail[" + table + "]";
    }

    /** Builds a {@link JdbcAuditTrail}. */
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
         * application's Flyway ({@link SchemaManagement#NONE}; then the store checks that it exists on first use).
         *
         * @param schemaManagement the choice
         * @return this builder
         */
        public Builder schemaManagement(SchemaManagement schemaManagement) {
            this.schemaManagement = Objects.requireNonNull(schemaManagement, "schemaManagement");
            return this;
        }

        /**
         * Builds the trail; the table is made or checked on first use.
         *
         * @return the trail
         */
        public JdbcAuditTrail build() {
            return new JdbcAuditTrail(this);
        }
    }
}
