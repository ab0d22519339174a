-- Samtykke consent ledger, MariaDB and MySQL, for Flyway only (the same statement as db/samtykke/V2_1): schema version 2, as JdbcConsentLedger sets it after
-- running V2. A ledger of version 1 whose records include tombstones (erased by a Samtykke release
-- before version 2) stays at version 1: its upgrade must also write an event naming those tombstones,
-- which only the ledger can. Start it once with schema management CREATE to do that.
UPDATE ${samtykke_prefix}ledger_meta SET schema_version = 2
    WHERE id = 1 AND schema_version = 1
    AND NOT EXISTS (SELECT 1 FROM ${samtykke_prefix}ledger_record WHERE subject_id IS NULL);
