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

    /** Migrates the ledger's tables of the prefix, in a schema that may already hold other tables. */
    static MigrateResult migrate(DataSource dataSource, String prefix) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(JdbcConsentLedger.FLYWAY_LOCATION)
                .table(prefix + HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(Map.of("samtykke_prefix", prefix, "samtykke_shards", "16"))
                .load()
                .migrate();
    }
}
