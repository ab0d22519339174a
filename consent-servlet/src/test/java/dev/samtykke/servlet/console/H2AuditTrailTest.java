package dev.samtykke.servlet.console;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.samtykke.servlet.console.internal.ConsoleApi;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The durable audit trail on embedded H2. */
class H2AuditTrailTest extends JdbcAuditTrailContract {

    private static JdbcConnectionPool pool;

    @BeforeAll
    static void open() {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterAll
    static void close() {
        pool.dispose();
    }

    @Override
    protected DataSource dataSource() {
        return pool;
    }

    @Test
    void theConsoleRecordsADataSubjectRequestsHandlingWithTheDigestOfTheConsentIdNeverTheId() throws Exception {
        JdbcAuditTrail trail = JdbcAuditTrail.builder(pool).tablePrefix("e2e_").build();
        String id;
        try (ConsoleSite site = new ConsoleSite(trail)) {
            id = site.decide("{\"acceptAll\":true}", null).get("consentId").asString();
            String token = ConsoleSite.json(site.adminPost("/consent/admin/api/subjects/lookup", "{\"consentId\":\"" + id + "\"}"))
                    .get("confirmation").get("token").asString();
            assertThat(site.adminPost("/consent/admin/api/subjects/erase",
                    "{\"consentId\":\"" + id + "\",\"confirmation\":\"" + token + "\"}").statusCode()).isEqualTo(200);
        }

        // after a restart, the DPO holding the visitor's request finds its handling by the id's digest
        List<AuditEntry> entries = JdbcAuditTrail.builder(pool).tablePrefix("e2e_").build().recent(10);
        assertThat(entries).extracting(e -> e.principal() + " " + e.action().id() + " " + e.outcome())
                .containsExactly("dpo erasure erased 1 records", "dpo look-up 1 records");
        assertThat(entries).extracting(AuditEntry::subject).containsOnly(AuditEntry.subjectDigest(id));
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM e2e_console_audit")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain(id);
                }
            }
        }
    }
}
