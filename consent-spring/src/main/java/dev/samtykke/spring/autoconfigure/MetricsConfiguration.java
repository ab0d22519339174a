package dev.samtykke.spring.autoconfigure;

import dev.samtykke.servlet.Samtykke;
import dev.samtykke.spring.SamtykkeProperties;
import dev.samtykke.spring.internal.CookieMetricsFilter;
import dev.samtykke.spring.internal.LedgerDecorator;
import dev.samtykke.spring.internal.MeteredConsentLedger;
import dev.samtykke.spring.internal.SamtykkeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer counters of decisions and of stripped and undeclared cookies, when Micrometer is on the
 * classpath; they count once the application has a {@link MeterRegistry} bean.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
class MetricsConfiguration {

    /** Bean name of the cookie-counting filter's registration. */
    static final String COOKIE_METRICS_REGISTRATION = "samtykkeCookieMetricsFilterRegistration";

    @Bean
    @ConditionalOnMissingBean
    SamtykkeMetrics samtykkeMetrics(ObjectProvider<MeterRegistry> registries, ObjectProvider<Samtykke> samtykke) {
        return new SamtykkeMetrics(registries, samtykke);
    }

    @Bean
    @ConditionalOnMissingBean(name = "samtykkeLedgerMetrics")
    LedgerDecorator samtykkeLedgerMetrics(SamtykkeMetrics metrics) {
        return ledger -> new MeteredConsentLedger(ledger, metrics);
    }

    @Bean(COOKIE_METRICS_REGISTRATION)
    @ConditionalOnMissingBean(name = COOKIE_METRICS_REGISTRATION)
    FilterRegistrationBean<CookieMetricsFilter> samtykkeCookieMetricsFilterRegistration(
            Samtykke samtykke, SamtykkeMetrics metrics, SamtykkeProperties properties) {
        FilterRegistrationBean<CookieMetricsFilter> registration =
                new FilterRegistrationBean<>(new CookieMetricsFilter(samtykke, metrics));
        registration.setName("samtykkeCookieMetricsFilter");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(properties.getFilterOrder() + 1);
        return registration;
    }
}
