package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.TimeSpan;
import dev.samtykke.spring.SamtykkeProperties;
import dev.samtykke.spring.internal.RequiresConsentValidator;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/** The consent policy, loaded from {@code samtykke.policy}. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    private static final String CLASSPATH = "classpath:";

    @Bean
    @ConditionalOnMissingBean
    ConsentPolicy consentPolicy(SamtykkeProperties properties, ResourceLoader resourceLoader) {
        String location = properties.getPolicy();
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("samtykke.policy is empty: name the policy file, e.g. "
                    + SamtykkeProperties.DEFAULT_POLICY);
        }
        location = location.strip();
        ConsentPolicy policy = location.startsWith(CLASSPATH)
                ? PolicyLoader.fromClasspath(location.substring(CLASSPATH.length()), classLoader(resourceLoader))
                : PolicyLoader.fromLocation(location);
        return withLifetimes(policy, properties.getCookie());
    }

    /** Every {@code @RequiresConsent} checked against the policy once the singletons exist. */
    @Bean
    @ConditionalOnMissingBean
    static RequiresConsentValidator requiresConsentValidator(ListableBeanFactory beans,
                                                             ObjectProvider<ConsentPolicy> policy) {
        return new RequiresConsentValidator(beans, policy::getObject);
    }

    private static ClassLoader classLoader(ResourceLoader resourceLoader) {
        ClassLoader loader = resourceLoader.getClassLoader();
        return loader != null ? loader : PolicyConfiguration.class.getClassLoader();
    }

    /** The policy with the lifetimes of {@code samtykke.cookie.*-lifetime}, where set. */
    static ConsentPolicy withLifetimes(ConsentPolicy policy, SamtykkeProperties.Cookie cookie) {
        TimeSpan consent = lifetime("samtykke.cookie.consent-lifetime", cookie.getConsentLifetime());
        TimeSpan refusal = lifetime("samtykke.cookie.refusal-lifetime", cookie.getRefusalLifetime());
        if (consent == null && refusal == null) {
            return policy;
        }
        ConsentPolicy.Builder builder = policy.toBuilder();
        if (consent != null) {
            builder.consentLifetime(consent);
        }
        if (refusal != null) {
            builder.refusalLifetime(refusal);
        }
        return builder.build();
    }

    private static TimeSpan lifetime(String property, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        TimeSpan span;
        try {
            span = TimeSpan.parse(value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(property + " '" + value + "' is not an ISO-8601 duration such as P6M or P30D", e);
        }
        if (span.isSession()) {
            throw new IllegalArgumentException(property + " must be a period such as P6M, not 'session'");
        }
        return span;
    }
}
