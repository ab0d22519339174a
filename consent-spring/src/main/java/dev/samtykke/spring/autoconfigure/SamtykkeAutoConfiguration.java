package dev.samtykke.spring.autoconfigure;

import dev.samtykke.spring.SamtykkeAccountsProperties;
import dev.samtykke.spring.SamtykkeProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Samtykke in a Spring Boot servlet web application: the policy, the signing keys, the ledger, the
 * consent filter and endpoints, {@code @RequiresConsent} on handlers and beans, the {@code ConsentState}
 * controller argument, the {@code consent} template bean, consent events (outbox, webhooks, {@code ConsentRecordedEvent})
 * and, with Micrometer, metrics. Off with
 * {@code samtykke.enabled=false}; every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "samtykke.enabled", matchIfMissing = true)
@EnableConfigurationProperties({SamtykkeProperties.class, SamtykkeAccountsProperties.class})
@Import({PolicyConfiguration.class, KeysConfiguration.class, EventsConfiguration.class, EventMetricsConfiguration.class,
        LedgerConfiguration.class, RetentionConfiguration.class, StatsConfiguration.class,
        AccountsConfiguration.class, ServletConfiguration.class,
        WebMvcConfiguration.class, MethodGatingConfiguration.class, MetricsConfiguration.class})
public class SamtykkeAutoConfiguration {

    /** Created by Spring. */
    public SamtykkeAutoConfiguration() {
    }
}
