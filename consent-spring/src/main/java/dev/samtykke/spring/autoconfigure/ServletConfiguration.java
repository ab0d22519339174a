package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.consent.AccountKey;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.servlet.ConsentEndpoints;
import dev.samtykke.servlet.ConsentFilter;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeListener;
import dev.samtykke.servlet.SamtykkeConfig;
import dev.samtykke.servlet.SubjectResolver;
import dev.samtykke.spring.SamtykkeAccountsProperties;
import dev.samtykke.spring.ConsentTemplateHelper;
import dev.samtykke.spring.SamtykkeProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The servlet side: configuration, the {@link Samtykke} instance, its filter and endpoints, the template bean. */
@Configuration(proxyBeanMethods = false)
class ServletConfiguration {

    /** Bean name of the consent filter's registration. */
    static final String FILTER_REGISTRATION = "samtykkeFilterRegistration";
    /** Bean name of the endpoints' registration. */
    static final String ENDPOINTS_REGISTRATION = "samtykkeEndpointsRegistration";
    /** Bean name of the template helper. */
    static final String TEMPLATE_BEAN = "consent";
    /**
     * The filter order with a {@link SubjectResolver} and the default {@code samtykke.filter-order}: right after Spring
     * Security's filter chain ({@code SecurityProperties.DEFAULT_FILTER_ORDER}, -100), inside its security context.
     */
    static final int AFTER_SPRING_SECURITY = -100 + 1;

    @Bean
    @ConditionalOnMissingBean
    SamtykkeConfig samtykkeConfig(SamtykkeProperties properties) {
        SamtykkeProperties.Cookie cookie = properties.getCookie();
        SamtykkeProperties.Endpoints endpoints = properties.getEndpoints();
        SamtykkeConfig.Builder builder = SamtykkeConfig.builder()
                .cookieName(blankToNull(cookie.getName()))
                .cookieDomain(blankToNull(cookie.getDomain()))
                .alwaysSecureCookie(cookie.isAlwaysSecure())
                .basePath(endpoints.getBasePath())
                .maxBodyBytes(bytes(endpoints))
                .undeclaredCookies(properties.getUndeclaredCookies())
                .trustedOrigins(new LinkedHashSet<>(endpoints.getTrustedOrigins()))
                .decisionsPerMinute(properties.getDecisionsPerMinute());
        try {
            for (Map.Entry<String, List<String>> path : properties.getTrackingPaths().entrySet()) {
                builder.trackingPath(path.getKey(), path.getValue().toArray(String[]::new));
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The samtykke.* properties are not valid: " + e.getMessage(), e);
        }
    }

    private static int bytes(SamtykkeProperties.Endpoints endpoints) {
        long bytes = endpoints.getMaxRequestSize().toBytes();
        return bytes > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) bytes;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Bean
    @ConditionalOnMissingBean
    Samtykke samtykke(ConsentPolicy policy, KeyRing keys, ConsentLedger ledger, SamtykkeConfig config,
                      ObjectProvider<SamtykkeListener> listeners, ObjectProvider<ConsentStats> stats,
                      ObjectProvider<SubjectResolver> subjects, SamtykkeAccountsProperties accounts) {
        Samtykke.Builder builder = Samtykke.builder().policy(policy).keys(keys).ledger(ledger).config(config);
        stats.ifAvailable(builder::stats);
        subjects.ifAvailable(resolver -> {
            builder.subjectResolver(resolver);
            if (accounts.getKey() != null && !accounts.getKey().isBlank()) {
                builder.accountKey(accountKey(accounts.getKey()));
            }
        });
        listeners.orderedStream().forEach(builder::listener);
        return builder.build();
    }

    private static AccountKey accountKey(String base64) {
        try {
            return AccountKey.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("samtykke.accounts.key: " + e.getMessage(), null);
        }
    }

    @Bean(FILTER_REGISTRATION)
    @ConditionalOnMissingBean(name = FILTER_REGISTRATION)
    FilterRegistrationBean<ConsentFilter> samtykkeFilterRegistration(Samtykke samtykke, SamtykkeProperties properties,
                                                                     ObjectProvider<SubjectResolver> subjects) {
        FilterRegistrationBean<ConsentFilter> registration = new FilterRegistrationBean<>(samtykke.filter());
        registration.setName("samtykkeFilter");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class)); // REQUEST, FORWARD, INCLUDE, ASYNC, ERROR
        int order = properties.getFilterOrder();
        if (order == SamtykkeProperties.DEFAULT_FILTER_ORDER && subjects.getIfAvailable() != null) {
            order = AFTER_SPRING_SECURITY; // the signed-in account is known once Spring Security's filters have run
        }
        registration.setOrder(order);
        return registration;
    }

    @Bean(ENDPOINTS_REGISTRATION)
    @ConditionalOnMissingBean(name = ENDPOINTS_REGISTRATION)
    ServletRegistrationBean<ConsentEndpoints> samtykkeEndpointsRegistration(Samtykke samtykke) {
        ServletRegistrationBean<ConsentEndpoints> registration =
                new ServletRegistrationBean<>(samtykke.endpoints(), samtykke.endpointsMapping());
        registration.setName("samtykkeEndpoints");
        return registration;
    }

    @Bean(TEMPLATE_BEAN)
    @ConditionalOnMissingBean(name = TEMPLATE_BEAN)
    ConsentTemplateHelper consent(Samtykke samtykke) {
        return new ConsentTemplateHelper(samtykke);
    }
}
