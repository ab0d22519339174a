package dev.samtykke.core.ledger.jdbc;

/**
 * Who creates and upgrades the tables of a {@link JdbcConsentLedger}: the ledger itself, or the application's own
 * database migrations.
 *
 * @see JdbcConsentLedger.Builder#schemaManagement(SchemaManagement)
 */
public enum SchemaManagement {

    /**
     * The ledger creates its tables when they are missing, and upgrades them when they are older than it, on start
     * (the default). Several instances may start together on one database.
     */
    CREATE,

    /**
     * The application does, e.g. with Samtykke's Flyway migrations ({@value JdbcConsentLedger#FLYWAY_LOCATION}). The
     * ledger changes no table: on start it checks that its tables exist at the schema version it needs and fails with
     * a {@link dev.samtykke.core.ledger.LedgerException} saying what to run if not. It still inserts the rows of its
     * shards' heads when they are missing: they are data, like the records.
     */
    NONE
}
