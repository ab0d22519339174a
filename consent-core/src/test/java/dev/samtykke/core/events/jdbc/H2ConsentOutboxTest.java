package dev.samtykke.core.events.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;

import javax.sql.DataSource;
import java.util.UUID;

/** The outbox contract on an embedded H2 database. */
class H2ConsentOutboxTest extends JdbcConsentOutboxContract {

    private static final JdbcConnectionPool POOL =
            JdbcConnectionPool.create("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    @Override
    protected DataSource dataSource() {
        return POOL;
    }

    @AfterAll
    static void close() {
        POOL.dispose();
    }
}
