-- Samtykke consent ledger, schema version 2, for MariaDB 10.5+ and MySQL 8.0+: run after version 1. The MariaDB variant
-- of db/samtykke/V2__samtykke_ledger_events.sql (DATETIME(6) in UTC, TEXT, InnoDB, utf8mb4_bin: see V1).
-- JdbcConsentLedger runs this file when the schema version is 1 (or the tables are new), then sets it to 2; Flyway
-- runs it as version 2, then V2_1 sets it. The placeholder samtykke_prefix is the table prefix. Every statement is
-- idempotent. Version 2 adds a table and changes nothing in those of version 1.

-- The erasure, purge and eviction events. Each takes a position (shard, seq) in its shard's chain like a
-- record, so no (shard, seq) is in both tables. body is the event's canonical JSON (kind, time, cut-off,
-- the positions it emptied, the positions it deleted), content_hash its SHA-256; no personal data.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}ledger_event (
    shard            INT         NOT NULL,
    seq              BIGINT      NOT NULL,
    event_id         CHAR(36)    NOT NULL,
    body             TEXT        NOT NULL,
    recorded_at      DATETIME(6) NOT NULL,
    content_hash     CHAR(64)    NOT NULL,
    previous_hash    CHAR(64)    NOT NULL,
    record_hash      CHAR(64)    NOT NULL,
    PRIMARY KEY (shard, seq)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
