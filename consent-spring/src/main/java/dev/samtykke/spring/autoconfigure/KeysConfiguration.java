package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.spring.SamtykkeProperties;
import dev.samtykke.spring.SigningKeyException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The keys that sign the consent cookie: {@code samtykke.keys.*}, else the environment variable
 * {@value #SIGNING_KEY_ENV} (the one variable every part of Samtykke reads), or random keys in development mode.
 */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    /** The environment variable holding the signing key where {@code samtykke.keys.signing-key} is not set. */
    static final String SIGNING_KEY_ENV = KeyRing.SIGNING_KEY_ENV;

    @Bean
    @ConditionalOnMissingBean
    KeyRing samtykkeKeyRing(SamtykkeProperties properties, Environment environment) {
        SamtykkeProperties.Keys keys = properties.getKeys();
        String key = keys.getSigningKey();
        if (key == null || key.isBlank()) {
            key = environment.getProperty(SIGNING_KEY_ENV);
        }
        if (key == null || key.isBlank()) {
            if (properties.isDevelopment()) {
                return KeyRing.development();
            }
            throw new SigningKeyException("No signing key for the consent cookie: neither samtykke.keys.signing-key nor the"
                    + " environment variable " + SIGNING_KEY_ENV + " is set, and samtykke.development is false", null);
        }
        try {
            return KeyRing.fromBase64(keys.getSigningKeyId(), key, keys.getVerifyingKeys());
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException("The samtykke.keys.* properties cannot be used: " + e.getMessage(), e);
        }
    }
}
