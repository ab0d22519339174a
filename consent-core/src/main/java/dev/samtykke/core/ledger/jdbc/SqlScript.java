package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A SQL script on the classpath, as the ledger ships its migrations: Flyway's placeholders ({@code ${name}}), one
 * statement per run of lines ending in a semicolon, lines starting with {@code --} ignored. That is all the syntax the
 * shipped scripts use; a script using more (a semicolon inside a string, a block comment) is not one of them.
 */
final class SqlScript {

    private final String resource;
    private final List<String> statements;

    private SqlScript(String resource, List<String> statements) {
        this.resource = resource;
        this.statements = List.copyOf(statements);
    }

    /**
     * Loads a script and replaces its placeholders.
     *
     * @param resource     an absolute classpath resource, e.g. {@code /db/samtykke/V1__samtykke_ledger_tables.sql}
     * @param placeholders the value of each placeholder, by name
     * @throws LedgerException if the resource is missing or names a placeholder without a value
     */
    static SqlScript load(String resource, Map<String, String> placeholders) {
        try (InputStream in = SqlScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LedgerException("consent ledger: schema script " + resource + " is missing from the classpath");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), placeholders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A script from its text, for {@link #load} and tests. */
    static SqlScript parse(String name, String text, Map<String, String> placeholders) {
        for (var p : placeholders.entrySet()) {
            text = text.replace("${" + p.getKey() + "}", p.getValue());
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            int open = trimmed.indexOf("${");
            if (open >= 0) {
                throw new LedgerException("consent ledger: schema script " + name + " has a placeholder without a value: "
                        + trimmed.substring(open));
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new LedgerException("consent ledger: schema script " + name + " ends inside a statement (no semicolon)");
        }
        return new SqlScript(name, statements);
    }

    /** The statements, without their semicolons, in order. */
    List<String> statements() {
        return statements;
    }

    /** Runs the statements in order on the connection, as it is (in or out of a transaction). */
    void run(Connection c) throws SQLException {
        for (String sql : statements) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    @Override
    public String toString() {
        return resource;
    }
}
