/**
 * Consent insights without personal data: counters per day (UTC), policy version and locale of first-layer
 * impressions, decisions by kind and grants and denials per purpose ({@link dev.samtykke.core.stats.ConsentStats}),
 * kept in memory or in an aggregate table ({@link dev.samtykke.core.stats.jdbc.JdbcConsentStats}), and read back as
 * one {@link dev.samtykke.core.stats.StatsReport} per range of days. No subject id, IP address or user agent is
 * counted or stored.
 */
package dev.samtykke.core.stats;
