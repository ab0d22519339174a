package dev.samtykke.spring.autoconfigure;

import dev.samtykke.servlet.Samtykke;
import dev.samtykke.spring.internal.SamtykkeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer counters of decisions, of stripped and undeclared cookies and of cookie violations (cookies
 * set by scripts without consent), when Micrometer is on the classpath; they count once the application
 * has a {@link MeterRegistry} bean. The counters are a
 * {@link dev.samtykke.servlet.SamtykkeListener} bean, which the auto-configured {@link Samtykke} calls.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SamtykkeMetrics samtykkeMetrics(ObjectProvider<MeterRegistry> registries, ObjectProvider<Samtykke> samtykke) {
        return new SamtykkeMetrics(registries, samtykke);
    }
}
