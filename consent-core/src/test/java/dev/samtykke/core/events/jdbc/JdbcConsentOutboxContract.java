package dev.samtykke.core.events.jdbc;

import dev.samtykke.core.events.ConsentEvent;
import dev.samtykke.core.events.ConsentOutboxContract;
import dev.samtykke.core.events.OutboxEntry;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.jdbc.CommitFaults;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.samtykke.core.ledger.LedgerFixtures.T0;
import static dev.samtykke.core.ledger.LedgerFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox contract on a database, and what only a database can show: the event is written in the transaction of
 * the record, so a record whose transaction rolls back has no event and a committed record always has one, including
 * when the commit's answer was lost. Each database's test gives its {@link #dataSource()}.
 */
public abstract class JdbcConsentOutboxContract extends ConsentOutboxContract {

    /** The database under test. */
    protected abstract DataSource dataSource();

    /** A table prefix of its own, so that each test starts empty. */
    private static String freshPrefix() {
        return "ob_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    @Override
    protected Store newStore() {
        return store(dataSource(), freshPrefix());
    }

    private static Store store(DataSource ds, String prefix) {
        JdbcConsentOutbox outbox = JdbcConsentOutbox.builder(ds).tablePrefix(prefix).build();
        JdbcConsentLedger ledger = JdbcConsentLedger.builder(ds).tablePrefix(prefix).outbox(outbox).build();
        return new Store(ledger, outbox);
    }

    private long rows(String table) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aFailedOutboxInsertRollsTheRecordBack() throws SQLException {
        String prefix = freshPrefix();
        AtomicBoolean failOutbox = new AtomicBoolean();
        DataSource failing = failingOutboxInserts(dataSource(), failOutbox);
        Store s = store(failing, prefix);
        s.ledger().append(record("subject-a", T0, true, true)); // creates the tables
        failOutbox.set(true);

        assertThatThrownBy(() -> s.ledger().append(record("subject-b", T0, true, true))).isInstanceOf(LedgerException.class);

        assertThat(s.ledger().latest("subject-b")).as("no record without its event").isEmpty();
        assertThat(rows(prefix + "ledger_record")).isEqualTo(1);
        assertThat(rows(prefix + "consent_outbox")).isEqualTo(1);
        assertThat(s.ledger().verify().isIntact()).isTrue();
        failOutbox.set(false);
        s.ledger().append(record("subject-b", T0, true, true));
        assertThat(rows(prefix + "consent_outbox")).isEqualTo(2);
    }

    @Test
    void aCommitThatNeverHappenedLeavesNeitherRecordNorEvent() throws SQLException {
        String prefix = freshPrefix();
        CommitFaults faults = new CommitFaults(dataSource());
        Store s = store(faults.dataSource(), prefix);
        s.ledger().append(record("subject-a", T0, true, true));
        faults.failNextCommit(CommitFaults.NextCommit.THROW_WITHOUT_COMMIT);

        assertThatThrownBy(() -> s.ledger().append(record("subject-b", T0, true, true))).isInstanceOf(LedgerException.class);

        assertThat(rows(prefix + "ledger_record")).isEqualTo(1);
        assertThat(rows(prefix + "consent_outbox")).isEqualTo(1);
    }

    @Test
    void aCommitWhoseAnswerWasLostHasItsRecordAndExactlyOneEvent() throws SQLException {
        String prefix = freshPrefix();
        CommitFaults faults = new CommitFaults(dataSource());
        Store s = store(faults.dataSource(), prefix);
        s.ledger().append(record("subject-a", T0, true, true));
        faults.failNextCommit(CommitFaults.NextCommit.COMMIT_THEN_THROW);

        ConsentRecord r = s.ledger().append(record("subject-b", T0, false, false));

        assertThat(rows(prefix + "consent_outbox")).isEqualTo(2);
        List<OutboxEntry> claimed = s.outbox().claim("relay", 10, Instant.now(), Duration.ofMinutes(1));
        assertThat(claimed).filteredOn(e -> e.event().subjectId().equals("subject-b"))
                .extracting(e -> e.event().recordId()).containsExactly(r.recordId());
    }

    @Test
    void aGroupCommitWritesOneEventPerRecordInChainOrder() {
        Store s = newStore();
        List<ConsentRecord> stored = s.ledger().appendAll(List.of(record("subject-a", T0, true, true),
                record("subject-a", T0.plusSeconds(1), false, true), record("subject-a", T0.plusSeconds(2), false, false)));

        for (ConsentRecord r : stored) {
            List<OutboxEntry> claimed = s.outbox().claim("relay", 10, Instant.now(), Duration.ofMinutes(1));
            assertThat(claimed).extracting(e -> e.event().recordId()).containsExactly(r.recordId());
            s.outbox().delivered("relay", claimed.get(0).event().eventId(), Instant.now());
        }
    }

    @Test
    void aRetryMovesTheSubjectsLaterEventsOutOfTheClaimScanUntilItIsDue() throws SQLException {
        Store s = newStore();
        s.ledger().append(record("subject-a", T0, true, true));
        s.ledger().append(record("subject-a", T0.plusSeconds(1), false, false));
        s.ledger().append(record("subject-a", T0.plusSeconds(2), true, false));
        Instant now = Instant.now();
        OutboxEntry head = s.outbox().claim("relay", 10, now, Duration.ofMinutes(1)).get(0);

        s.outbox().retry("relay", head.event().eventId(), 1, java.util.Set.of(), now.plusSeconds(60), "HTTP 500");

        String table = ((JdbcConsentOutbox) s.outbox()).table();
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE status = 'pending' AND available_at <= "
                     + now.plusSeconds(59).toEpochMilli())) {
            rs.next();
            assertThat(rs.getLong(1)).as("nothing of the subject is due before its head's retry").isZero();
        }
        assertThat(s.outbox().claim("relay", 10, now.plusSeconds(60), Duration.ofMinutes(1)))
                .extracting(e -> e.event().eventId()).containsExactly(head.event().eventId());
    }

    @Test
    void theTableHasTheColumnsDebeziumsOutboxRouterReads() throws SQLException {
        Store s = newStore();
        s.ledger().append(record("subject-a", T0, true, false));
        String table = ((JdbcConsentOutbox) s.outbox()).table();

        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, aggregatetype, aggregateid, type, payload, timestamp FROM " + table)) {
            assertThat(rs.next()).isTrue();
            ConsentEvent e = ConsentEvent.fromJson(rs.getString("payload"));
            assertThat(rs.getString("id").strip()).isEqualTo(e.eventId());
            assertThat(rs.getString("aggregatetype")).isEqualTo("consent");
            assertThat(rs.getString("aggregateid")).isEqualTo("subject-a");
            assertThat(rs.getString("type")).isEqualTo("consent.recorded");
            assertThat(rs.getObject("timestamp")).isNotNull();
        }
    }

    /** Connections whose statements inserting into an outbox table fail while {@code fail} is set. */
    private static DataSource failingOutboxInserts(DataSource real, AtomicBoolean fail) {
        return (DataSource) Proxy.newProxyInstance(JdbcConsentOutboxContract.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection c = (Connection) result;
                    return Proxy.newProxyInstance(JdbcConsentOutboxContract.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement") && fail.get()
                                        && ((String) a[0]).startsWith("INSERT INTO") && ((String) a[0]).contains("consent_outbox")) {
                                    throw new SQLException("simulated failure between the record and its event", "XX000");
                                }
                                return invoke(c, m, a);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
