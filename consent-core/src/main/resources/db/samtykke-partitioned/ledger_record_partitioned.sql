-- Samtykke consent ledger on PostgreSQL 12+, partitioned by month (JdbcConsentLedger.builder(...).partitionByMonth(true),
-- samtykke.ledger.partitioning=monthly): the record table, range-partitioned by recorded_at. It must exist before
-- Samtykke's V1 migration runs (whose CREATE TABLE IF NOT EXISTS then leaves it, and whose indexes become partitioned
-- indexes). The ledger runs this file itself when it manages its schema; with Flyway, run it first (see docs/ledger.md).
-- Same columns as V1. PostgreSQL requires the partition key in the primary key, so the key is (shard, seq, recorded_at);
-- the ledger's head lock keeps (shard, seq) unique, and verify() reports any duplicate. The ledger creates the monthly
-- partitions ahead ({prefix}ledger_record_yYYYYmMM) and drops whole ones once every entry in them is purged.

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
    CONSTRAINT ${samtykke_prefix}ledger_record_pk PRIMARY KEY (shard, seq, recorded_at)
) PARTITION BY RANGE (recorded_at);
