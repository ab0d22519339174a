/**
 * The outbox of consent events in the JDBC ledger's database: {@link dev.samtykke.core.events.jdbc.JdbcConsentOutbox}.
 */
package dev.samtykke.core.events.jdbc;
