-- Samtykke consent counters (the privacy console's insights), for MariaDB 10.5+ and MySQL 8. The same table as
-- db/samtykke/V3__samtykke_stats_tables.sql, in InnoDB with a case-sensitive collation (purpose ids are
-- case-sensitive). JdbcConsentStats runs this file itself when its table is missing, Flyway runs it as version 3.
-- The placeholder samtykke_prefix is the table prefix. The statement is idempotent.

-- One row per counter: day (UTC), policy version, locale, metric (impression, decision, granted, denied) and item
-- (the method or purpose id; empty for impressions), with its count. No subject id, IP address or user agent.
CREATE TABLE IF NOT EXISTS ${samtykke_prefix}stats_count (
    stat_day         DATE         NOT NULL,
    policy_version   VARCHAR(32)  NOT NULL,
    locale           VARCHAR(35)  NOT NULL,
    metric           VARCHAR(16)  NOT NULL,
    item             VARCHAR(128) NOT NULL,
    n                BIGINT       NOT NULL,
    PRIMARY KEY (stat_day, policy_version, locale, metric, item)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
