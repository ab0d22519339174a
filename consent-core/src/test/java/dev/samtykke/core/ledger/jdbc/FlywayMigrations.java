package dev.samtykke.core.ledger.jdbc;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.Map;

/** Samtykke's Flyway migrations applied as {@code docs/ledger.md} tells applications to: a Flyway of their own. */
final class FlywayMigrations {

    /** The history table's name after the table prefix (applications use {@code samtykke_schema_history}). */
    static final String HISTORY_TABLE = "schema_history";

    private FlywayMigrations() {
    }

    /** Migrates the ledger's tables of the prefix, in a schema that may already hold other tables (H2, PostgreSQL). */
    static MigrateResult migrate(DataSource dataSource, String prefix) {
        return migrate(dataSource, prefix, JdbcConsentLedger.FLYWAY_LOCATION);
    }

    /** Migrates the ledger's tables of the prefix from the given location ({@code FLYWAY_LOCATION_MARIADB} for MariaDB). */
    static MigrateResult migrate(DataSource dataSource, String prefix, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .table(prefix + HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(Map.of("samtykke_prefix", prefix, "samtykke_shards", "16"))
                .load()
                .migrate();
    }
}
