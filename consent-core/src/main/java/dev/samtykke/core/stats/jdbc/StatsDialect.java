package dev.samtykke.core.stats.jdbc;

import dev.samtykke.core.ledger.LedgerException;

/** The upsert of one counter in the SQL of a database: the only statement that differs between them. */
enum StatsDialect {

    /** {@code MERGE ... USING}: H2 2.x. */
    H2 {
        @Override
        String upsert(String table) {
            return "MERGE INTO " + table + " c USING (VALUES (CAST(? AS DATE), CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(35)),"
                    + " CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(128)), CAST(? AS BIGINT)))"
                    + " s(stat_day, policy_version, locale, metric, item, n)"
                    + " ON c.stat_day = s.stat_day AND c.policy_version = s.policy_version AND c.locale = s.locale"
                    + " AND c.metric = s.metric AND c.item = s.item"
                    + " WHEN MATCHED THEN UPDATE SET n = c.n + s.n"
                    + " WHEN NOT MATCHED THEN INSERT (stat_day, policy_version, locale, metric, item, n)"
                    + " VALUES (s.stat_day, s.policy_version, s.locale, s.metric, s.item, s.n)";
        }
    },

    /** {@code INSERT ... ON DUPLICATE KEY UPDATE}: MariaDB and MySQL, with a table of their own DDL. */
    MARIADB {
        @Override
        String upsert(String table) {
            return "INSERT INTO " + table + " (stat_day, policy_version, locale, metric, item, n) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE n = n + VALUES(n)";
        }

        @Override
        String script() {
            return JdbcConsentStats.SCRIPT_MARIADB;
        }
    },

    /** {@code INSERT ... ON CONFLICT DO UPDATE}: PostgreSQL 9.5 and later. */
    POSTGRESQL {
        @Override
        String upsert(String table) {
            return "INSERT INTO " + table + " (stat_day, policy_version, locale, metric, item, n) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (stat_day, policy_version, locale, metric, item) DO UPDATE SET n = " + table
                    + ".n + EXCLUDED.n";
        }
    };

    /** The upsert adding parameter 6 to the counter of parameters 1 to 5, creating it if missing. */
    abstract String upsert(String table);

    /** The table's DDL. */
    String script() {
        return JdbcConsentStats.SCRIPT;
    }

    /** The dialect of a database product name (JDBC's {@code getDatabaseProductName()}). */
    static StatsDialect of(String productName) {
        if ("H2".equalsIgnoreCase(productName)) {
            return H2;
        }
        if ("PostgreSQL".equalsIgnoreCase(productName)) {
            return POSTGRESQL;
        }
        if ("MariaDB".equalsIgnoreCase(productName) || "MySQL".equalsIgnoreCase(productName)) {
            return MARIADB;
        }
        throw new LedgerException("consent counters: database " + productName
                + " is not supported (H2, PostgreSQL, MariaDB and MySQL are); keep the counters in memory or implement ConsentStats");
    }
}
