package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.events.ConsentOutbox;
import dev.samtykke.spring.internal.EventMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters of consent event delivery ({@link EventMetrics}), when Micrometer is on the class path and consent
 * events are on; they count once the application has a {@link MeterRegistry} bean.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(ConsentOutbox.class)
class EventMetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventMetrics samtykkeEventMetrics(ObjectProvider<MeterRegistry> registries, ConsentOutbox outbox) {
        return new EventMetrics(registries, outbox);
    }
}
