package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.events.ConsentOutbox;
import dev.samtykke.core.events.InMemoryConsentOutbox;
import dev.samtykke.core.events.jdbc.JdbcConsentOutbox;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.spring.SamtykkeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.List;

/**
 * The consent ledger: {@code samtykke.ledger.type=memory}, or {@code jdbc} on the application's
 * {@code DataSource}; unset, jdbc when there is one {@code DataSource} bean, else memory. The ledger
 * accepts records of the application's policy only. It is created after the database initializers (Flyway,
 * Liquibase, {@code spring.sql.init}), so that with {@code samtykke.ledger.schema=none} the application's migrations
 * have made its tables when it checks them. With consent events on ({@link EventsConfiguration}), it writes each
 * record's event into the auto-configured outbox in the same transaction.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    ConsentLedger consentLedger(SamtykkeProperties properties, ObjectProvider<DataSource> dataSources, ConsentPolicy policy,
                                ObjectProvider<ConsentOutbox> outboxes) {
        SamtykkeProperties.LedgerType type = properties.getLedger().getType();
        DataSource dataSource = ledgerDataSource(properties, dataSources);
        ConsentOutbox outbox = outboxes.getIfAvailable();
        if (dataSource == null) {
            InMemoryConsentLedger.Builder builder = InMemoryConsentLedger.builder().policies(List.of(policy));
            if (outbox instanceof InMemoryConsentOutbox memoryOutbox) {
                builder.outbox(memoryOutbox);
            }
            InMemoryConsentLedger memory = builder.build();
            if (type == null) {
                LOG.warn("Samtykke keeps consent records in memory only, at most {} (then the oldest are dropped), and"
                        + " loses them on restart. Configure a DataSource (or samtykke.ledger.type=jdbc) to keep them as proof"
                        + " of consent.", memory.maxRecords());
            }
            return memory;
        }
        JdbcConsentLedger.Builder builder = JdbcConsentLedger.builder(dataSource)
                .tablePrefix(properties.getLedger().getTablePrefix())
                .schemaManagement(properties.getLedger().getSchema())
                .partitionByMonth(properties.getLedger().getPartitioning() == SamtykkeProperties.Partitioning.MONTHLY)
                .policies(List.of(policy));
        if (outbox instanceof JdbcConsentOutbox jdbcOutbox) {
            builder.outbox(jdbcOutbox);
        }
        return builder.build();
    }

    /** The ledger's database: none for {@code memory}, else the application's one {@code DataSource} (none: memory). */
    static DataSource ledgerDataSource(SamtykkeProperties properties, ObjectProvider<DataSource> dataSources) {
        SamtykkeProperties.LedgerType type = properties.getLedger().getType();
        DataSource dataSource = type == SamtykkeProperties.LedgerType.MEMORY ? null : dataSources.getIfUnique();
        if (type == SamtykkeProperties.LedgerType.JDBC && dataSource == null) {
            throw new IllegalStateException("samtykke.ledger.type=jdbc needs one DataSource bean (spring.datasource.*),"
                    + " and the application has none or several");
        }
        return dataSource;
    }
}
