package dev.samtykke.example.spring;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code postgres} profile: the consent ledger in PostgreSQL, configured through the variables the
 * README documents ({@code JACKON_DB_URL}, {@code JACKON_DB_USER}). Needs SAMTYKKE_TEST_POSTGRES_URL (CI sets it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class PostgresProfileTest {

    static final String URL_VARIABLE = "SAMTYKKE_TEST_POSTGRES_URL";
    static final String SCHEMA = "jackon_demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

    @BeforeAll
    static void createSchema() throws Exception {
        String url = System.getenv(URL_VARIABLE);
        assumeTrue(url != null && !url.isBlank(), URL_VARIABLE + " is not set: the PostgreSQL profile test is SKIPPED"
                + " (set it to e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
    }

    @AfterAll
    static void dropSchema() throws Exception {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            registry.add("JACKON_DB_URL", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
            registry.add("JACKON_DB_USER", () -> "postgres");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void recordsDecisionsInPostgres() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        new SiteClient(port).consent("{\"acceptAll\":true}");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), min(method) FROM " + SCHEMA + ".samtykke_ledger_record")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("accept-all");
        }
    }
}
