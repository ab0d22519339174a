-- Samtykke consent events outbox, for MariaDB 10.5+ and MySQL 8.0+. The same table as
-- db/samtykke/V5__samtykke_consent_outbox.sql (see there for the columns), with DATETIME(6) in UTC, TEXT, the indexes
-- inside CREATE TABLE IF NOT EXISTS, InnoDB and utf8mb4_bin (see V1). JdbcConsentOutbox runs this file itself when its
-- table is missing (schema management CREATE), Flyway runs it as version 5. The placeholder samtykke_prefix is the
-- table prefix. The statement is idempotent.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}consent_outbox (
    id            CHAR(36)      NOT NULL,
    aggregatetype VARCHAR(32)   NOT NULL,
    aggregateid   VARCHAR(128)  NOT NULL,
    type          VARCHAR(32)   NOT NULL,
    payload       TEXT          NOT NULL,
    timestamp     DATETIME(6)   NOT NULL,
    seq           BIGINT        NOT NULL,
    status        VARCHAR(9)    NOT NULL,
    attempts      INT           NOT NULL,
    available_at  BIGINT        NOT NULL,
    lease_owner   CHAR(36),
    lease_until   BIGINT        NOT NULL,
    delivered_to  VARCHAR(1024) NOT NULL,
    last_error    VARCHAR(256),
    done_at       BIGINT,
    PRIMARY KEY (id),
    INDEX ${samtykke_prefix}consent_outbox_subject (aggregateid, status, seq),
    INDEX ${samtykke_prefix}consent_outbox_due (status, available_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
