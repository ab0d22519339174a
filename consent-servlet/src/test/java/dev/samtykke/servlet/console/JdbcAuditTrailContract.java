package dev.samtykke.servlet.console;

import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.jdbc.SchemaManagement;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit trail's contract on a database, and what a table adds: it outlives the instance, cuts long text, fails loudly. */
abstract class JdbcAuditTrailContract extends AuditTrailContract {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private String prefix;

    /** The test database (a schema or database of the test's own). */
    protected abstract DataSource dataSource();

    @Override
    protected AuditTrail trail() {
        prefix = "a" + TABLES.incrementAndGet() + "_";
        return JdbcAuditTrail.builder(dataSource()).tablePrefix(prefix).build();
    }

    @Test
    void entriesOutliveTheInstanceThatWroteThem() {
        AuditTrail first = trail();
        AuditEntry erasure = entry(7, AuditAction.ERASURE, "sha256:0123456789abcdef");
        first.record(erasure);

        AuditTrail afterRestart = JdbcAuditTrail.builder(dataSource()).tablePrefix(prefix).build();
        assertThat(afterRestart.recent(10)).containsExactly(erasure);
    }

    @Test
    void namesAndOutcomesLongerThanTheColumnsAreCutNotRefused() {
        AuditTrail trail = trail();
        String longName = "x".repeat(300);
        trail.record(new AuditEntry(T0, longName, AuditAction.LOOKUP, null, "ø".repeat(400)));

        AuditEntry read = trail.recent(1).get(0);
        assertThat(read.principal()).hasSize(JdbcAuditTrail.MAX_TEXT).startsWith("xxx").endsWith("…");
        assertThat(read.outcome()).hasSize(JdbcAuditTrail.MAX_TEXT).startsWith("øøø").endsWith("…");
    }

    @Test
    void withSchemaManagementNoneAMissingTableFailsSayingWhatToRun() {
        AuditTrail trail = JdbcAuditTrail.builder(dataSource()).tablePrefix("missing" + TABLES.incrementAndGet() + "_")
                .schemaManagement(SchemaManagement.NONE).build();
        assertThatThrownBy(() -> trail.record(entry(1, AuditAction.LOOKUP, null)))
                .isInstanceOf(LedgerException.class).hasMessageContaining("db/samtykke, version 4");
    }

    @Test
    void withSchemaManagementNoneATableMadeByTheMigrationIsUsed() {
        AuditTrail made = trail(); // creates the table
        made.record(entry(1, AuditAction.EXPORT, null));
        AuditTrail checked = JdbcAuditTrail.builder(dataSource()).tablePrefix(prefix)
                .schemaManagement(SchemaManagement.NONE).build();
        checked.record(entry(2, AuditAction.LOOKUP, null));
        assertThat(checked.recent(10)).extracting(AuditEntry::principal).containsExactly("dpo2", "dpo1");
    }

    @Test
    void aDatabaseThatIsDownFailsTheRecordSoTheConsoleAnswersNothing() {
        AuditTrail trail = JdbcAuditTrail.builder(new DownDataSource()).build(); // built while down: no failure yet
        assertThatThrownBy(() -> trail.record(entry(1, AuditAction.ERASURE, null))).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> trail.recent(10)).isInstanceOf(LedgerException.class);
    }

    /** A database that refuses every connection. */
    private static final class DownDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("connection refused", "08001");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
