-- Samtykke consent ledger, schema version 1, for H2 2.x and PostgreSQL 12+: its tables.
-- One file for two readers. JdbcConsentLedger (schema management CREATE) runs it itself when the
-- schema-version row is missing, then writes that row; Flyway (location classpath:db/samtykke)
-- runs it as version 1, then V1_1 writes the row. The placeholder samtykke_prefix is the table prefix
-- (default samtykke_). Every statement is idempotent. Each statement ends with a semicolon at the end
-- of a line; lines starting with -- are comments.

-- One row: the schema version and the number of shards (chains) the ledger was created with.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}ledger_meta (
    id             INT                      NOT NULL,
    schema_version INT                      NOT NULL,
    shard_count    INT                      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ${samtykke_prefix}ledger_meta_pk PRIMARY KEY (id)
);

-- One row per shard: its head (last sequence and hash), locked by every append to the shard,
-- and its checkpoint (the sequence and hash the chain starts after, moved by purge).
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}ledger_shard (
    shard         INT      NOT NULL,
    head_seq      BIGINT   NOT NULL,
    head_hash     CHAR(64) NOT NULL,
    base_seq      BIGINT   NOT NULL,
    base_hash     CHAR(64) NOT NULL,
    CONSTRAINT ${samtykke_prefix}ledger_shard_pk PRIMARY KEY (shard)
);

-- The records. A tombstone (erased or purged) keeps shard, seq, record_id, expires_at, recorded_at
-- and the three hashes; its content columns are NULL and erased_at is set.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}ledger_record (
    shard            INT                      NOT NULL,
    seq              BIGINT                   NOT NULL,
    record_id        CHAR(36)                 NOT NULL,
    subject_id       VARCHAR(128),
    policy_id        VARCHAR(64),
    policy_version   VARCHAR(21),
    grants           VARCHAR,
    method           VARCHAR(16),
    decided_at       TIMESTAMP WITH TIME ZONE,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    locale           VARCHAR(64),
    collection_point VARCHAR(512),
    notice_hash      CHAR(64),
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    content_hash     CHAR(64)                 NOT NULL,
    previous_hash    CHAR(64)                 NOT NULL,
    record_hash      CHAR(64)                 NOT NULL,
    erased_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ${samtykke_prefix}ledger_record_pk PRIMARY KEY (shard, seq)
);

-- latest(), history(), erase(): a subject's records in chain order.
CREATE INDEX IF NOT EXISTS ${samtykke_prefix}ledger_record_subject ON ${samtykke_prefix}ledger_record (subject_id, seq);

-- purge(): records past their expiry, per shard.
CREATE INDEX IF NOT EXISTS ${samtykke_prefix}ledger_record_expiry ON ${samtykke_prefix}ledger_record (shard, expires_at);
