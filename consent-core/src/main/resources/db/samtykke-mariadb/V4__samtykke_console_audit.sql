-- Samtykke's privacy console: its durable audit trail, for MariaDB 10.5+ and MySQL 8.0+. The MariaDB variant of
-- db/samtykke/V4__samtykke_console_audit.sql (AUTO_INCREMENT, DATETIME(6) in UTC, InnoDB, utf8mb4_bin).
-- JdbcAuditTrail runs this file itself when its table is missing, Flyway runs it as version 4. The placeholder
-- samtykke_prefix is the table prefix. The statement is idempotent.

-- One row per console action: when (UTC), who (the console user's name), what (look-up, export, erasure,
-- verification), whose records (sha256: and 16 hex digits of the consent id's SHA-256, never the id itself; empty
-- for an action on no visitor's records) and the outcome. entry_id orders the rows as they were written.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}console_audit (
    entry_id         BIGINT       NOT NULL AUTO_INCREMENT,
    recorded_at      DATETIME(6)  NOT NULL,
    principal        VARCHAR(255) NOT NULL,
    action_id        VARCHAR(32)  NOT NULL,
    subject_ref      VARCHAR(64),
    outcome          VARCHAR(255) NOT NULL,
    PRIMARY KEY (entry_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
