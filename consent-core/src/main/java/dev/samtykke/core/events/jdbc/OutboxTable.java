package dev.samtykke.core.events.jdbc;

import dev.samtykke.core.ledger.LedgerException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outbox table in one database's SQL: its DDL (the Flyway migration {@code V5__samtykke_consent_outbox.sql} of
 * {@code db/samtykke} or {@code db/samtykke-mariadb}), created or checked, and how its {@code timestamp} column is
 * bound and read (MariaDB keeps no zone: UTC wall-clock time, as the ledger does).
 */
enum OutboxTable {

    /** H2 and PostgreSQL. */
    STANDARD("/db/samtykke/") {
        @Override
        Object time(Instant instant) {
            return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        }

        @Override
        Instant instant(ResultSet rs, int column) throws SQLException {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
    },

    /** MariaDB and MySQL. */
    MARIADB("/db/samtykke-mariadb/") {
        @Override
        Object time(Instant instant) {
            return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        }

        @Override
        Instant instant(ResultSet rs, int column) throws SQLException {
            LocalDateTime t = rs.getObject(column, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }
    };

    /** The migration's file name, in each dialect's folder. */
    static final String SCRIPT = "V5__samtykke_consent_outbox.sql";
    /** The columns the store uses, for the check with schema management off. */
    static final String COLUMNS = "id, aggregatetype, aggregateid, type, payload, timestamp, seq, status, attempts,"
            + " available_at, lease_owner, lease_until, delivered_to, last_error, done_at";

    private final String folder;

    OutboxTable(String folder) {
        this.folder = folder;
    }

    /** The dialect of a connection's database. */
    static OutboxTable of(Connection c) throws SQLException {
        String product = String.valueOf(c.getMetaData().getDatabaseProductName()).toLowerCase(Locale.ROOT);
        return product.contains("mariadb") || product.contains("mysql") ? MARIADB : STANDARD;
    }

    /** An instant as the {@code timestamp} column takes it. */
    abstract Object time(Instant instant);

    /** The {@code timestamp} column's value (or an aggregate of it) as an instant, or null. */
    abstract Instant instant(ResultSet rs, int column) throws SQLException;

    /** Where the migration is on the classpath. */
    String script() {
        return folder + SCRIPT;
    }

    /** Runs the migration's statements, each on its own (idempotent), with the table prefix. */
    void create(Connection c, String prefix) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String sql : statements(prefix)) {
                s.execute(sql);
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Fails with what to run when the table is missing or lacks a column. */
    void check(Connection c, String table) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT " + COLUMNS + " FROM " + table + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw new LedgerException("consent events: the outbox table " + table + " is missing or lacks columns (" + COLUMNS
                    + "); run Samtykke's Flyway migrations (" + folder.replace("/db/", "classpath:db/").replaceAll("/$", "")
                    + ", version 5) or use schema management CREATE: " + e.getMessage(), e);
        }
    }

    /** The script's statements with the prefix in place: {@code --} comments, a semicolon at a line's end ends one. */
    List<String> statements(String prefix) {
        String text;
        try (InputStream in = OutboxTable.class.getResourceAsStream(script())) {
            if (in == null) {
                throw new LedgerException("consent events: " + script() + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text = text.replace("${samtykke_prefix}", prefix);
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
    }
}
