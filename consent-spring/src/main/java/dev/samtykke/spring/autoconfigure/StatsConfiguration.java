package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.stats.BufferedConsentStats;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.InMemoryConsentStats;
import dev.samtykke.core.stats.jdbc.JdbcConsentStats;
import dev.samtykke.spring.SamtykkeProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The consent counters (impressions and decisions, no personal data) the privacy console shows: in the ledger's
 * database beside it ({@code <table-prefix>stats_count}, with the ledger's schema management), written behind every
 * second, when the ledger is the JDBC one; else in memory.
 */
@Configuration(proxyBeanMethods = false)
class StatsConfiguration {

    /** How often the counts are written to the table. */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    ConsentStats consentStats(ConsentLedger ledger, ObjectProvider<DataSource> dataSources, SamtykkeProperties properties) {
        DataSource dataSource = ledger instanceof JdbcConsentLedger ? dataSources.getIfUnique() : null;
        if (dataSource == null) {
            return new InMemoryConsentStats();
        }
        JdbcConsentStats table = JdbcConsentStats.builder(dataSource)
                .tablePrefix(properties.getLedger().getTablePrefix())
                .schemaManagement(properties.getLedger().getSchema())
                .build();
        return new BufferedConsentStats(table, FLUSH_INTERVAL); // closed, and so flushed, with the context
    }
}
