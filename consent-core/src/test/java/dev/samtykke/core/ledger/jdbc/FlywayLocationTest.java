package dev.samtykke.core.ledger.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Samtykke's migrations are found by a Flyway pointed at them, and not by an application's Flyway at its default
 * location ({@code classpath:db/migration}, scanned with its subfolders), where their versions would clash with the
 * application's own.
 */
class FlywayLocationTest {

    private static List<String> found(String location) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:flyway-location-" + UUID.randomUUID());
        return Arrays.stream(Flyway.configure().dataSource(h2).locations(location).load().info().all())
                .map(MigrationInfo::getScript).toList();
    }

    @Test
    void aFlywayAtSamtykkesLocationFindsTheLedgersFourMigrationsTheCountersTheAuditTrailAndTheOutbox() {
        assertThat(found(JdbcConsentLedger.FLYWAY_LOCATION)).containsExactly("V1__samtykke_ledger_tables.sql",
                "V1_1__samtykke_ledger_meta.sql", "V2__samtykke_ledger_events.sql", "V2_1__samtykke_ledger_version.sql",
                "V3__samtykke_stats_tables.sql", "V4__samtykke_console_audit.sql",
                "V5__samtykke_consent_outbox.sql");
    }

    @Test
    void theMariaDbLocationHoldsTheSameMigrationsAndNeitherLocationFindsTheOthers() {
        assertThat(found(JdbcConsentLedger.FLYWAY_LOCATION_MARIADB)).containsExactly("V1__samtykke_ledger_tables.sql",
                "V1_1__samtykke_ledger_meta.sql", "V2__samtykke_ledger_events.sql", "V2_1__samtykke_ledger_version.sql",
                "V3__samtykke_stats_tables.sql", "V4__samtykke_console_audit.sql",
                "V5__samtykke_consent_outbox.sql");
        assertThat(SqlDialect.MARIADB.flywayLocation()).isEqualTo(JdbcConsentLedger.FLYWAY_LOCATION_MARIADB);
        assertThat(SqlDialect.STANDARD.flywayLocation()).isEqualTo(JdbcConsentLedger.FLYWAY_LOCATION);
        assertThat(SqlDialect.MARIADB.folder()).isEqualTo("/" + JdbcConsentLedger.FLYWAY_LOCATION_MARIADB.substring("classpath:".length()) + "/");
        assertThat(SqlDialect.STANDARD.folder()).isEqualTo("/" + JdbcConsentLedger.FLYWAY_LOCATION.substring("classpath:".length()) + "/");
    }

    @Test
    void anApplicationsFlywayAtTheDefaultLocationFindsNoneOfThem() {
        assertThat(found("classpath:db/migration")).noneMatch(script -> script.contains("samtykke"));
    }
}
