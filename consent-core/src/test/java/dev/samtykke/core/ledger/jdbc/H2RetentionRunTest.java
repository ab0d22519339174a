package dev.samtykke.core.ledger.jdbc;

import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A retention run on H2: the lock is the {@code ledger_meta} row, locked with {@code FOR UPDATE NOWAIT}. */
class H2RetentionRunTest extends JdbcRetentionRunContract {

    private static final String URL = "jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private static final JdbcConnectionPool POOL = JdbcConnectionPool.create(URL, "sa", "");

    @Override
    protected DataSource dataSource() {
        return POOL;
    }

    @Override
    protected DataSource unpooled() {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(URL);
        source.setUser("sa");
        return source;
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        try (Connection c = POOL.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        POOL.dispose();
    }
}
