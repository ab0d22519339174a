-- Samtykke consent ledger, MariaDB and MySQL, for Flyway only: the schema row JdbcConsentLedger writes itself when it
-- creates its tables (schema version 1 here; V2_1 moves it to 2). Placeholders: samtykke_prefix, the table prefix
-- (default samtykke_), and samtykke_shards, the number of chains (the ledger's default is 16; it is fixed once records
-- are written). The time is UTC, as the ledger stores every instant.
INSERT INTO ${samtykke_prefix}ledger_meta (id, schema_version, shard_count, created_at)
    VALUES (1, 1, ${samtykke_shards}, UTC_TIMESTAMP(6));
