package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.PurgeLock;
import dev.samtykke.core.ledger.Retention;
import dev.samtykke.core.ledger.RetentionRun;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.TimeSpan;
import dev.samtykke.spring.SamtykkeRetentionProperties;
import dev.samtykke.spring.internal.RetentionMetrics;
import dev.samtykke.spring.internal.RetentionScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The ledger's retention, run by itself ({@code samtykke.ledger.retention.*}, on by default): a {@link RetentionRun} of
 * the ledger by the policy's retention and the configured period, under the ledger's {@link PurgeLock} (the JDBC
 * ledger's database lock, so that one instance purges at a time; in process for any other ledger), scheduled by cron
 * on a thread of its own, counted with Micrometer when it is there. Each bean backs off when the application has one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "samtykke.ledger.retention.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SamtykkeRetentionProperties.class)
class RetentionConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PurgeLock samtykkePurgeLock(ConsentLedger ledger) {
        return ledger instanceof JdbcConsentLedger jdbc ? jdbc.purgeLock() : PurgeLock.inProcess();
    }

    @Bean
    @ConditionalOnMissingBean
    RetentionRun samtykkeRetentionRun(ConsentLedger ledger, PurgeLock lock, ConsentPolicy policy,
                                      SamtykkeRetentionProperties properties) {
        Retention retention = Retention.forPolicy(policy, span("period", properties.getPeriod()));
        for (Map.Entry<String, String> p : properties.getPurposes().entrySet()) {
            retention = retention.withPurpose(p.getKey(), span("purposes." + p.getKey(), p.getValue()));
        }
        return RetentionRun.builder(ledger, lock).retention(retention).build();
    }

    private static TimeSpan span(String property, String value) {
        try {
            return TimeSpan.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("samtykke.ledger.retention." + property + " must be an ISO-8601 period such"
                    + " as P3Y, not '" + value + "'", e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    RetentionScheduler samtykkeRetentionScheduler(RetentionRun run, SamtykkeRetentionProperties properties,
                                                  ObjectProvider<RetentionScheduler.Observer> observers) {
        return new RetentionScheduler(run, properties.getSchedule(), observers.orderedStream().toList());
    }

    /** The purge's meters, with Micrometer on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        RetentionMetrics samtykkeRetentionMetrics(ObjectProvider<MeterRegistry> registries) {
            return new RetentionMetrics(registries);
        }
    }
}
