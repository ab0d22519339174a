package dev.samtykke.core.ledger.jdbc;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.testing.MutableClock;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Logger;

import static dev.samtykke.core.ledger.LedgerFixtures.POLICY;
import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A JDBC ledger whose database is down or fails half-way: clear exceptions, nothing half-written. */
class JdbcConsentLedgerFaultTest {

    private final JdbcConnectionPool h2 = JdbcConnectionPool.create(
            "jdbc:h2:mem:faults-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private Server server;

    @AfterEach
    void close() {
        h2.dispose();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void databaseDownGivesAClearLedgerExceptionForEveryOperation() {
        DataSource down = new FakeDataSource(() -> {
            throw new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        });

        JdbcConsentLedger ledger = new JdbcConsentLedger(down);

        List<Runnable> operations = List.of(
                () -> ledger.append(record("secret-subject", T0, true, true)),
                () -> ledger.appendAll(List.of(record("secret-subject", T0, true, true))),
                () -> ledger.latest("secret-subject"),
                () -> ledger.history("secret-subject"),
                () -> ledger.export("secret-subject", POLICY),
                () -> ledger.erase("secret-subject"),
                () -> ledger.purge(T0),
                ledger::verify);
        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run)
                    .isInstanceOf(LedgerException.class)
                    .hasMessageContaining("consent ledger database is unavailable")
                    .hasMessageNotContaining("secret-subject")
                    .hasRootCauseInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> ledger.latest(" ")).as("bad input is still bad input").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsItsSchemaOnFirstUseOnceTheDatabaseIsBack() {
        AtomicBoolean up = new AtomicBoolean(false);
        DataSource flaky = new FakeDataSource(() -> {
            if (!up.get()) {
                throw new SQLException("Connection refused", "08001");
            }
            return h2.getConnection();
        });
        MutableClock clock = new MutableClock(T0);
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(flaky).clock(clock).build();
        assertThatThrownBy(() -> ledger.append(record("a", T0, true, true))).isInstanceOf(LedgerException.class);

        up.set(true);
        clock.advance(ConnectionGate.FIRST_BACKOFF);

        ConsentRecord stored = ledger.append(record("a", T0, true, true));
        assertThat(ledger.latest("a")).contains(stored);
        assertThat(ledger.verify().isIntact()).isTrue();
    }

    @Test
    void whileTheDatabaseIsDownOneCallTriesToReachItAndTheOthersFailAtOnce() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicReference<CountDownLatch> hold = new AtomicReference<>();
        CountDownLatch connecting = new CountDownLatch(1);
        DataSource db = new FakeDataSource(() -> {
            attempts.incrementAndGet();
            CountDownLatch h = hold.get();
            if (h != null) {
                connecting.countDown();
                try {
                    h.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!up.get()) {
                throw new SQLException("connect timed out", "08001");
            }
            return h2.getConnection();
        });
        MutableClock clock = new MutableClock(T0);
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(db).clock(clock).build();
        assertThat(attempts).as("the start-up attempt").hasValue(1);
        clock.advance(ConnectionGate.FIRST_BACKOFF);

        // After the first window: eight requests at once, while the connect blocks as a timeout would.
        CountDownLatch release = new CountDownLatch(1);
        hold.set(release);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ConsentRecord>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String subject = "queued-" + i;
            calls.add(pool.submit(() -> ledger.append(record(subject, T0, true, true))));
        }
        assertThat(connecting.await(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (calls.stream().filter(Future::isDone).count() < 7 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<Future<ConsentRecord>> done = calls.stream().filter(Future::isDone).toList();
        assertThat(done).as("seven answered while the eighth still waits for the database").hasSize(7);
        for (Future<ConsentRecord> f : done) {
            assertThatThrownBy(f::get).hasCauseInstanceOf(LedgerException.class)
                    .hasMessageContaining("consent ledger database is unavailable");
        }
        assertThat(attempts).as("only one connect was tried").hasValue(2);
        release.countDown();
        hold.set(null);
        for (Future<ConsentRecord> f : calls) {
            assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(LedgerException.class);
        }
        pool.shutdown();

        // The window doubled to 2 s: no connect within it, one after it.
        clock.advance(Duration.ofMillis(1999));
        assertThatThrownBy(() -> ledger.append(record("a", T0, true, true))).isInstanceOf(LedgerException.class)
                .hasRootCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> ledger.latest("a")).isInstanceOf(LedgerException.class);
        assertThat(attempts).hasValue(2);
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> ledger.append(record("a", T0, true, true))).isInstanceOf(LedgerException.class);
        assertThat(attempts).hasValue(3);

        // The database answers again: after the (now 4 s) window, the ledger works.
        up.set(true);
        clock.advance(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ledger.append(record("a", T0, true, true))).isInstanceOf(LedgerException.class);
        assertThat(attempts).hasValue(3);
        clock.advance(Duration.ofSeconds(1));
        ConsentRecord stored = ledger.append(record("a", T0, true, true));
        assertThat(ledger.latest("a")).contains(stored);
        assertThat(ledger.verify().isIntact()).isTrue();

        // Success reset the back-off: the next failure opens a 1 s window again.
        up.set(false);
        int before = attempts.get();
        assertThatThrownBy(() -> ledger.append(record("a", T0, true, true))).isInstanceOf(LedgerException.class);
        assertThatThrownBy(() -> ledger.append(record("a", T0, true, true))).isInstanceOf(LedgerException.class);
        assertThat(attempts).hasValue(before + 1);
        up.set(true);
        clock.advance(ConnectionGate.FIRST_BACKOFF);
        assertThat(ledger.append(record("a", T0, false, false)).sequence()).isEqualTo(stored.sequence() + 1);
    }

    @Test
    void aFailureAfterTheHeadWasLockedAndSetLeavesNothingHalfWritten() {
        AtomicBoolean armed = new AtomicBoolean(false);
        DataSource faulty = failing(h2, armed, sql -> sql.startsWith("INSERT INTO"));
        ConsentRecord first = new JdbcConsentLedger(faulty).append(record("half", T0, true, true));
        // A second instance does not know the head: it locks it with SELECT ... FOR UPDATE and sets it before inserting.
        JdbcConsentLedger ledger = new JdbcConsentLedger(faulty);

        armed.set(true);
        assertThatThrownBy(() -> ledger.append(record("half", T0, false, false)))
                .isInstanceOf(LedgerException.class).hasMessageContaining("unavailable");
        armed.set(false);

        assertIntactAfterFailure(ledger, first);
    }

    @Test
    void aFailureAfterTheKnownHeadWasMovedLeavesNothingHalfWritten() {
        AtomicBoolean armed = new AtomicBoolean(false);
        JdbcConsentLedger ledger = new JdbcConsentLedger(failing(h2, armed, sql -> sql.startsWith("INSERT INTO")));
        ConsentRecord first = ledger.append(record("half", T0, true, true));

        armed.set(true);
        assertThatThrownBy(() -> ledger.append(record("half", T0, false, false)))
                .isInstanceOf(LedgerException.class).hasMessageContaining("unavailable");
        armed.set(false);

        assertIntactAfterFailure(ledger, first);
    }

    private static void assertIntactAfterFailure(JdbcConsentLedger ledger, ConsentRecord first) {
        assertThat(ledger.history("half")).containsExactly(first);
        assertThat(ledger.verify().isIntact()).isTrue();
        ConsentRecord next = ledger.append(record("half", T0, false, false));
        assertThat(next.sequence()).isEqualTo(first.sequence() + 1);
        assertThat(next.previousHash()).isEqualTo(first.hash());
        assertThat(ledger.verify().isIntact()).isTrue();
    }

    @Test
    void aFailedCommitLeavesNothingWritten() {
        AtomicBoolean armed = new AtomicBoolean(false);
        JdbcConsentLedger ledger = new JdbcConsentLedger(failingCommit(h2, armed));

        armed.set(true);
        assertThatThrownBy(() -> ledger.append(record("commit", T0, true, true))).isInstanceOf(LedgerException.class);
        armed.set(false);

        assertThat(ledger.history("commit")).isEmpty();
        assertThat(ledger.verify().recordsChecked()).isZero();
        assertThat(ledger.verify().isIntact()).isTrue();
    }

    @Test
    void aBatchThatFailsHalfWayAppendsNoneOfIt() {
        AtomicBoolean armed = new AtomicBoolean(false);
        JdbcConsentLedger ledger = new JdbcConsentLedger(failing(h2, armed, sql -> sql.contains("SET head_seq")));
        ledger.append(record("warm", T0, true, true));
        List<NewConsentRecord> batch = List.of(record("b1", T0, true, true), record("b2", T0, true, false), record("b3", T0, false, false));

        armed.set(true);
        assertThatThrownBy(() -> ledger.appendAll(batch)).isInstanceOf(LedgerException.class);
        armed.set(false);

        assertThat(ledger.history("b1")).isEmpty();
        assertThat(ledger.history("b2")).isEmpty();
        assertThat(ledger.verify().recordsChecked()).isEqualTo(1);
        assertThat(ledger.appendAll(batch)).hasSize(3);
        assertThat(ledger.verify().isIntact()).isTrue();
    }

    @Test
    void aStoppedDatabaseServerGivesAClearLedgerException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
        JdbcDataSource remote = new JdbcDataSource();
        remote.setURL("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:stopped-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        remote.setUser("sa");
        ConsentLedger ledger = new JdbcConsentLedger(remote);
        ConsentRecord stored = ledger.append(record("remote", T0, true, true));
        assertThat(ledger.latest("remote")).contains(stored);

        server.stop();
        server = null;

        assertThatThrownBy(() -> ledger.append(record("remote", T0, false, false)))
                .isInstanceOf(LedgerException.class).hasMessageContaining("consent ledger database is unavailable");
        assertThatThrownBy(() -> ledger.latest("remote"))
                .isInstanceOf(LedgerException.class).hasMessageContaining("consent ledger database is unavailable");
    }

    @Test
    void purgeOnADatabaseWithNothingExpiredChangesNothing() {
        JdbcConsentLedger ledger = new JdbcConsentLedger(h2);
        ConsentRecord stored = ledger.append(record("fresh", T0, true, true));

        assertThat(ledger.purge(Instant.EPOCH)).isZero();
        assertThat(ledger.history("fresh")).containsExactly(stored);
    }

    // ------------------------------------------------------------------ fault injection

    /** A data source whose connections fail statements matching {@code sql} while {@code armed}, as a dropped connection would. */
    private static DataSource failing(DataSource real, AtomicBoolean armed, Predicate<String> sql) {
        return new FakeDataSource(() -> {
            Connection c = real.getConnection();
            InvocationHandler handler = (proxy, method, args) -> {
                if (armed.get() && method.getName().equals("prepareStatement") && sql.test((String) args[0])) {
                    throw new SQLException("connection reset by peer", "08006");
                }
                return invoke(c, method, args);
            };
            return (Connection) Proxy.newProxyInstance(JdbcConsentLedgerFaultTest.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        });
    }

    /** A data source whose connections fail to commit while {@code armed}. */
    private static DataSource failingCommit(DataSource real, AtomicBoolean armed) {
        return new FakeDataSource(() -> {
            Connection c = real.getConnection();
            InvocationHandler handler = (proxy, method, args) -> {
                if (armed.get() && method.getName().equals("commit")) {
                    throw new SQLException("connection reset by peer", "08006");
                }
                return invoke(c, method, args);
            };
            return (Connection) Proxy.newProxyInstance(JdbcConsentLedgerFaultTest.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface ConnectionSupplier {
        Connection get() throws SQLException;
    }

    /** A minimal DataSource over a connection supplier. */
    private record FakeDataSource(ConnectionSupplier connections) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return connections.get();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connections.get();
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
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
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
