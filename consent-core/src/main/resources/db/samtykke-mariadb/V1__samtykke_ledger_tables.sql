-- Samtykke consent ledger, schema version 1, for MariaDB 10.5+ and MySQL 8.0+: its tables. The MariaDB variant of
-- db/samtykke/V1__samtykke_ledger_tables.sql, with the same tables, columns, keys and indexes; see docs/ledger.md,
-- "MariaDB and MySQL", for what differs and why:
-- * DATETIME(6) for the instants, always written and read in UTC by the ledger (MariaDB has no type that keeps a zone,
--   and its TIMESTAMP moves with the session's time zone and ends in 2038);
-- * TEXT for the unbounded VARCHAR;
-- * the indexes declared inside CREATE TABLE IF NOT EXISTS (MySQL has no CREATE INDEX IF NOT EXISTS; index names are
--   per table here), and the primary keys unnamed (MariaDB names every primary key PRIMARY);
-- * InnoDB (row locks, transactions) and the binary collation utf8mb4_bin, so that subject ids and hashes compare
--   exactly (the servers' default collations ignore case).
-- DDL is not transactional here: each statement commits on its own. Every statement is idempotent, and the ledger writes
-- the schema row only after all of them, so a start that stops half-way is finished by the next.
-- JdbcConsentLedger runs it itself when the schema-version row is missing; Flyway (location
-- classpath:db/samtykke-mariadb) runs it as version 1, then V1_1 writes the row. The placeholder samtykke_prefix is the
-- table prefix (default samtykke_). Each statement ends with a semicolon at the end of a line; lines starting with -- are
-- comments.

-- One row: the schema version and the number of shards (chains) the ledger was created with.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}ledger_meta (
    id             INT         NOT NULL,
    schema_version INT         NOT NULL,
    shard_count    INT         NOT NULL,
    created_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- One row per shard: its head (last sequence and hash), locked by every append to the shard,
-- and its checkpoint (the sequence and hash the chain starts after, moved by purge).
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}ledger_shard (
    shard         INT      NOT NULL,
    head_seq      BIGINT   NOT NULL,
    head_hash     CHAR(64) NOT NULL,
    base_seq      BIGINT   NOT NULL,
    base_hash     CHAR(64) NOT NULL,
    PRIMARY KEY (shard)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The records. A tombstone (erased or purged) keeps shard, seq, record_id, expires_at, recorded_at
-- and the three hashes; its content columns are NULL and erased_at is set.
-- Index ledger_record_subject: latest(), history(), erase(), a subject's records in chain order.
-- Index ledger_record_expiry: purge(), records past their expiry, per shard.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}ledger_record (
    shard            INT          NOT NULL,
    seq              BIGINT       NOT NULL,
    record_id        CHAR(36)     NOT NULL,
    subject_id       VARCHAR(128),
    policy_id        VARCHAR(64),
    policy_version   VARCHAR(21),
    grants           TEXT,
    method           VARCHAR(16),
    decided_at       DATETIME(6),
    expires_at       DATETIME(6)  NOT NULL,
    locale           VARCHAR(64),
    collection_point VARCHAR(512),
    notice_hash      CHAR(64),
    recorded_at      DATETIME(6)  NOT NULL,
    content_hash     CHAR(64)     NOT NULL,
    previous_hash    CHAR(64)     NOT NULL,
    record_hash      CHAR(64)     NOT NULL,
    erased_at        DATETIME(6),
    PRIMARY KEY (shard, seq),
    INDEX ${samtykke_prefix}ledger_record_subject (subject_id, seq),
    INDEX ${samtykke_prefix}ledger_record_expiry (shard, expires_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
