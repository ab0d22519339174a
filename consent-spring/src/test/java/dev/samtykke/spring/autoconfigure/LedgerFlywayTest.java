package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.ConsentRecord;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.spring.SamtykkeProperties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.DEV;
import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that migrates its own database with Flyway: Samtykke's migrations run in a Flyway of their own
 * after the application's (the configuration docs/ledger.md shows), and the ledger, with
 * {@code samtykke.ledger.schema=none}, starts on the tables they made and records decisions.
 */
class LedgerFlywayTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
                    SamtykkeAutoConfiguration.class))
            .withPropertyValues(POLICY, DEV, "samtykke.ledger.schema=none",
                    "spring.datasource.url=jdbc:h2:mem:flyway-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

    /** As docs/ledger.md shows it: the application's migrations, then Samtykke's with their own history table. */
    @Configuration(proxyBeanMethods = false)
    static class SamtykkeFlyway {
        @Bean
        FlywayMigrationStrategy applicationThenSamtykke(SamtykkeProperties samtykke) {
            return flyway -> {
                flyway.migrate();
                Flyway.configure()
                        .dataSource(flyway.getConfiguration().getDataSource())
                        .schemas(flyway.getConfiguration().getSchemas())
                        .locations(JdbcConsentLedger.FLYWAY_LOCATION)
                        .table("samtykke_schema_history")
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .placeholders(Map.of("samtykke_prefix", samtykke.getLedger().getTablePrefix(), "samtykke_shards", "16"))
                        .load()
                        .migrate();
            };
        }
    }

    @Test
    void startsOnTheTablesFlywayMadeAndRecordsADecision() {
        runner.withUserConfiguration(SamtykkeFlyway.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConsentLedger.class)).isInstanceOf(JdbcConsentLedger.class);
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(column(dataSource, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""))
                    .as("the application's own history").containsExactly("1");
            assertThat(column(dataSource, "SELECT \"version\" FROM \"samtykke_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\""))
                    .as("Samtykke's, beside it").containsExactly("0", "1", "1.1", "2", "2.1", "3", "4", "5");

            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/consent");
            request.setServletPath("/consent");
            request.setContentType("application/json");
            request.setContent("{\"acceptAll\":true}".getBytes(StandardCharsets.UTF_8));
            request.addHeader("Sec-Fetch-Site", "same-origin");
            MockHttpServletResponse response = new MockHttpServletResponse();
            context.getBean(Samtykke.class).endpoints().service(request, response);

            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(column(dataSource, "SELECT method FROM samtykke_ledger_record")).containsExactly("accept-all");
            assertThat(column(dataSource, "SELECT type FROM samtykke_consent_outbox")).as("its event, in Flyway's outbox table")
                    .containsExactly("consent.recorded");
            ConsentLedger ledger = context.getBean(ConsentLedger.class);
            assertThat(ledger.verify().isIntact()).isTrue();
            assertThat(ledger.verify().recordsChecked()).isEqualTo(1);
        });
    }

    @Test
    void withoutSamtykkesMigrationsStartUpStopsAndSaysWhatToRun() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("samtykke_ledger_* are missing")
                    .hasMessageContaining(JdbcConsentLedger.FLYWAY_LOCATION);
        });
    }

    private static List<String> column(DataSource dataSource, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
