package dev.samtykke.core.stats.jdbc;

import dev.samtykke.core.ledger.LedgerException;
import dev.samtykke.core.ledger.jdbc.SchemaManagement;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.ConsentStatsContract;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counters' contract on an embedded H2 database ({@code MERGE}). */
class H2ConsentStatsTest extends ConsentStatsContract {

    private final List<JdbcConnectionPool> pools = new ArrayList<>();

    private JdbcConnectionPool pool() {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:stats-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        pool.setMaxConnections(20);
        pools.add(pool);
        return pool;
    }

    @AfterEach
    void close() {
        pools.forEach(JdbcConnectionPool::dispose);
    }

    @Override
    protected ConsentStats stats() {
        return new JdbcConsentStats(pool());
    }

    @Test
    void twoInstancesOnOneDatabaseShareTheCounters() {
        JdbcConnectionPool pool = pool();
        new JdbcConsentStats(pool).impression(DAY, "1.0", "nb");
        JdbcConsentStats other = JdbcConsentStats.builder(pool).build();
        other.impression(DAY, "1.0", "nb");
        assertThat(other.counts(DAY, DAY)).singleElement().extracting(c -> c.count()).isEqualTo(2L);
    }

    @Test
    void withSchemaManagementNoneRefusesAMissingTableSayingWhatToRun() {
        JdbcConsentStats stats = JdbcConsentStats.builder(pool()).schemaManagement(SchemaManagement.NONE).build();
        assertThatThrownBy(() -> stats.counts(DAY, DAY))
                .isInstanceOf(LedgerException.class).hasMessageContaining("samtykke_stats_count")
                .hasMessageContaining("classpath:db/samtykke");
    }

    /** A database down when the application starts must not stop it: the table is made or checked on first use. */
    @Test
    void aDatabaseDownAtStartUpFailsTheFirstUseNotTheStart() {
        java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();
        javax.sql.DataSource down = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connects.incrementAndGet();
                        throw new java.sql.SQLException("connection refused");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        JdbcConsentStats stats = JdbcConsentStats.builder(down).build();

        assertThat(connects).hasValue(0);
        assertThatThrownBy(() -> stats.impression(DAY, "1.0", "nb")).isInstanceOf(LedgerException.class);
        assertThat(connects).hasValue(1);
    }

    @Test
    void takesATablePrefix() {
        JdbcConsentStats stats = JdbcConsentStats.builder(pool()).tablePrefix("app_").build();
        stats.impression(DAY, "1.0", "nb");
        assertThat(stats.table()).isEqualTo("app_stats_count");
        assertThat(stats.counts(DAY, DAY)).hasSize(1);
    }
}
