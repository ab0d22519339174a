-- Samtykke consent events outbox, for H2 2.x and PostgreSQL 12+. Independent of the ledger's tables' schema version:
-- JdbcConsentOutbox runs this file itself when its table is missing (schema management CREATE), Flyway runs it as
-- version 5. The placeholder samtykke_prefix is the table prefix. Every statement is idempotent.

-- One row per consent event, inserted in the same transaction as the ledger entry it tells of. The first six columns
-- are those Debezium's outbox event router reads by default (id, aggregatetype, aggregateid, type, payload) and
-- timestamp (table.field.event.timestamp); aggregateid is the subject id, so Kafka partitions by subject. The others are
-- the webhook relay's: seq orders a subject's events (the ledger position), status is pending, delivered or dead,
-- attempts the failed deliveries, available_at (epoch ms) when it may be tried again, lease_owner and lease_until
-- (epoch ms) which relay holds it, delivered_to the sinks that have it, last_error the last failure, done_at (epoch ms)
-- when it was delivered or given up on.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}consent_outbox (
    id            CHAR(36)                 NOT NULL,
    aggregatetype VARCHAR(32)              NOT NULL,
    aggregateid   VARCHAR(128)             NOT NULL,
    type          VARCHAR(32)              NOT NULL,
    payload       VARCHAR                  NOT NULL,
    timestamp     TIMESTAMP WITH TIME ZONE NOT NULL,
    seq           BIGINT                   NOT NULL,
    status        VARCHAR(9)               NOT NULL,
    attempts      INT                      NOT NULL,
    available_at  BIGINT                   NOT NULL,
    lease_owner   CHAR(36),
    lease_until   BIGINT                   NOT NULL,
    delivered_to  VARCHAR(1024)            NOT NULL,
    last_error    VARCHAR(256),
    done_at       BIGINT,
    CONSTRAINT ${samtykke_prefix}consent_outbox_pk PRIMARY KEY (id)
);

-- claim(): a subject's pending events in order, and whether an earlier one is still pending.
CREATE INDEX IF NOT EXISTS ${samtykke_prefix}consent_outbox_subject ON ${samtykke_prefix}consent_outbox (aggregateid, status, seq);

-- claim(), stats(), purgeDelivered(): events by state and time.
CREATE INDEX IF NOT EXISTS ${samtykke_prefix}consent_outbox_due ON ${samtykke_prefix}consent_outbox (status, available_at);
