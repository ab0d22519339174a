/** The consent counters in an aggregate table of a SQL database (H2, PostgreSQL). */
package dev.samtykke.core.stats.jdbc;
