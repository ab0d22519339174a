package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.LedgerVerification;
import dev.samtykke.core.ledger.PausingLedger;
import dev.samtykke.core.ledger.PurgeLock;
import dev.samtykke.core.ledger.PurgeResult;
import dev.samtykke.core.ledger.Retention;
import dev.samtykke.core.ledger.RetentionRun;
import dev.samtykke.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retention run with the {@link JdbcPurgeLock} on a SQL database: of two instances purging at once exactly one
 * purges, the ledger verifies before and after, and a holder that dies does not keep the lock. A database's test says
 * how to reach it, pooled and unpooled.
 */
public abstract class JdbcRetentionRunContract {

    private final MutableClock clock = new MutableClock(T0);
    private final List<String> prefixes = new ArrayList<>();

    /** A pool on the test database. */
    protected abstract DataSource dataSource();

    /** A data source on the same database and schema whose connections are the database sessions themselves. */
    protected abstract DataSource unpooled();

    private JdbcConsentLedger newLedger() {
        String prefix = "rt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
        prefixes.add(prefix);
        return JdbcConsentLedger.builder(dataSource()).tablePrefix(prefix).clock(clock).build();
    }

    @AfterEach
    void dropTables() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String prefix : prefixes) {
                for (String table : List.of("ledger_record", "ledger_event", "ledger_shard", "ledger_meta")) {
                    s.execute("DROP TABLE IF EXISTS " + prefix + table);
                }
            }
        }
    }

    /** Ten records that expired about three years before T0, and one in force. */
    private void fill(ConsentLedger ledger) {
        for (int i = 0; i < 10; i++) {
            ledger.append(record("old-" + i, T0.minus(Duration.ofDays(4 * 366)), true, i % 2 == 0));
        }
        ledger.append(record("current", T0, true, true));
    }

    private RetentionRun run(ConsentLedger ledger, PurgeLock lock) {
        return RetentionRun.builder(ledger, lock).retention(Retention.of(Period.ofYears(2))).clock(clock).build();
    }

    @Test
    void ofTwoInstancesPurgingAtOnceExactlyOnePurges() throws Exception {
        JdbcConsentLedger ledger = newLedger();
        fill(ledger);
        assertThat(ledger.verify().isIntact()).isTrue();
        PausingLedger first = PausingLedger.pausing(ledger);
        JdbcConsentLedger second = JdbcConsentLedger.builder(dataSource()).tablePrefix(ledger.tablePrefix()).clock(clock).build();

        CompletableFuture<RetentionRun.Result> firstRun = CompletableFuture.supplyAsync(
                () -> run(first, JdbcPurgeLock.of(dataSource(), ledger)).run());
        first.awaitPurging();
        RetentionRun.Result secondRun = run(second, JdbcPurgeLock.of(dataSource(), second)).run();
        first.release();
        RetentionRun.Result firstResult = firstRun.get();

        assertThat(secondRun.status()).isEqualTo(RetentionRun.Status.SKIPPED);
        assertThat(secondRun.purged()).isEqualTo(PurgeResult.NOTHING);
        assertThat(firstResult.status()).isEqualTo(RetentionRun.Status.PURGED);
        assertThat(firstResult.purged().recordsEmptied()).isEqualTo(10);
        LedgerVerification v = ledger.verify();
        assertThat(v.isIntact()).as(v.toString()).isTrue();
        assertThat(v.purges()).hasSize(firstResult.purged().eventsWritten())
                .allSatisfy(p -> assertThat(p.cutoff()).isEqualTo(firstResult.cutoff()));
        assertThat(ledger.latest("old-3")).isEmpty();
        assertThat(ledger.latest("current")).isPresent();

        // the lock was released: the second instance runs now, finding nothing more to purge
        RetentionRun.Result again = run(second, JdbcPurgeLock.of(dataSource(), second)).run();
        assertThat(again.status()).isEqualTo(RetentionRun.Status.PURGED);
        assertThat(again.purged()).isEqualTo(PurgeResult.NOTHING);
        assertThat(ledger.verify().isIntact()).isTrue();
    }

    @Test
    void aHolderWhoseSessionEndsWithoutReleasingDoesNotBlockTheNextRun() throws Exception {
        JdbcConsentLedger ledger = newLedger();
        fill(ledger);
        SessionRecorder sessions = new SessionRecorder(unpooled());
        Optional<PurgeLock.Held> dead = JdbcPurgeLock.of(sessions, ledger).tryAcquire();
        assertThat(dead).isPresent();
        assertThat(run(ledger, JdbcPurgeLock.of(dataSource(), ledger)).run().status()).isEqualTo(RetentionRun.Status.SKIPPED);

        sessions.last.close(); // the holder dies: its session ends, its lock was never released

        // The server ends the session (and drops its locks) a moment after the connection closes, not at once.
        RetentionRun.Result result = run(ledger, JdbcPurgeLock.of(dataSource(), ledger)).run();
        for (int attempt = 0; attempt < 300 && result.status() == RetentionRun.Status.SKIPPED; attempt++) {
            Thread.sleep(100);
            result = run(ledger, JdbcPurgeLock.of(dataSource(), ledger)).run();
        }
        assertThat(result.status()).isEqualTo(RetentionRun.Status.PURGED);
        assertThat(result.purged().recordsEmptied()).isEqualTo(10);
        assertThat(ledger.verify().isIntact()).isTrue();
        dead.get().close(); // releasing a lock whose session is gone only logs
    }

    @Test
    void theLocksOfTwoLedgersInOneDatabaseAreApart() {
        JdbcConsentLedger one = newLedger();
        JdbcConsentLedger two = newLedger();
        fill(two);
        Optional<PurgeLock.Held> held = JdbcPurgeLock.of(dataSource(), one).tryAcquire();
        try {
            assertThat(held).isPresent();
            assertThat(JdbcPurgeLock.of(dataSource(), one).tryAcquire()).isEmpty();
            assertThat(run(two, JdbcPurgeLock.of(dataSource(), two)).run().purged().recordsEmptied()).isEqualTo(10);
        } finally {
            held.ifPresent(PurgeLock.Held::close);
        }
        Optional<PurgeLock.Held> again = JdbcPurgeLock.of(dataSource(), one).tryAcquire();
        assertThat(again).isPresent();
        again.get().close();
    }

    /** Hands out the data source's connections and keeps the last, so that a test can end its session. */
    private static final class SessionRecorder implements DataSource {
        private final DataSource target;
        private Connection last;

        SessionRecorder(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            last = target.getConnection();
            return last;
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new UnsupportedOperationException();
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
