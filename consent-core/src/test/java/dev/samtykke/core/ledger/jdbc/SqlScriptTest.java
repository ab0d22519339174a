package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {

    @Test
    void splitsStatementsAtLineEndingSemicolonsSkippingComments() {
        SqlScript script = SqlScript.parse("t.sql", """
                -- a comment; with a semicolon
                CREATE TABLE ${p}a (
                    id INT
                );

                  -- indented comment
                CREATE INDEX ${p}a_id ON ${p}a (id);
                """, Map.of("p", "x_"));

        assertThat(script.statements()).containsExactly("CREATE TABLE x_a (\n    id INT\n)", "CREATE INDEX x_a_id ON x_a (id)");
    }

    @Test
    void refusesAPlaceholderWithoutAValue() {
        assertThatThrownBy(() -> SqlScript.parse("t.sql", "CREATE TABLE ${other}a (id INT);", Map.of("p", "x_")))
                .isInstanceOf(LedgerException.class).hasMessageContaining("t.sql").hasMessageContaining("${other}");
    }

    @Test
    void refusesAStatementWithoutItsSemicolon() {
        assertThatThrownBy(() -> SqlScript.parse("t.sql", "CREATE TABLE a (id INT)\n", Map.of()))
                .isInstanceOf(LedgerException.class).hasMessageContaining("ends inside a statement");
    }

    @Test
    void loadsEachShippedMigrationWithTheTablePrefixInPlace() {
        for (SqlDialect dialect : SqlDialect.values()) {
            for (String file : LedgerSchema.DDL) {
                SqlScript script = SqlScript.load(dialect.folder() + file, Map.of(LedgerSchema.PREFIX_PLACEHOLDER, "pre_"));
                assertThat(script.statements()).as(dialect + " " + file).isNotEmpty()
                        .allSatisfy(sql -> assertThat(sql).contains("pre_ledger_").doesNotContain("${"));
            }
        }
        assertThatThrownBy(() -> SqlScript.load(SqlDialect.STANDARD.folder() + "V9__missing.sql", Map.of()))
                .isInstanceOf(LedgerException.class).hasMessageContaining("missing from the classpath");
    }
}
