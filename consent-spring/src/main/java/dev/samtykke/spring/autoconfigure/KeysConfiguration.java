package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.spring.SamtykkeProperties;
import dev.samtykke.spring.SigningKeyException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The keys that sign the consent cookie: {@code samtykke.keys.*}, or random ones in development mode. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KeyRing samtykkeKeyRing(SamtykkeProperties properties) {
        SamtykkeProperties.Keys keys = properties.getKeys();
        String key = keys.getSigningKey();
        if (key == null || key.isBlank()) {
            if (properties.isDevelopment()) {
                return KeyRing.development();
            }
            throw new SigningKeyException("No signing key for the consent cookie: samtykke.keys.signing-key is not set"
                    + " and samtykke.development is false", null);
        }
        try {
            return KeyRing.fromBase64(keys.getSigningKeyId(), key, keys.getVerifyingKeys());
        } catch (IllegalArgumentException e) {
            throw new SigningKeyException("The samtykke.keys.* properties cannot be used: " + e.getMessage(), e);
        }
    }
}
