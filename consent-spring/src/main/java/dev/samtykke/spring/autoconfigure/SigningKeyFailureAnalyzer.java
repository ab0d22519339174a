package dev.samtykke.spring.autoconfigure;

import dev.samtykke.spring.SigningKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a missing or unusable signing key for the consent cookie, naming the properties to set. */
public class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyException> {

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public SigningKeyFailureAnalyzer() {
    }

    /**
     * The analysis.
     *
     * @param rootFailure the failure
     * @param cause the key exception in its chain
     * @return the description and the action to take
     */
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the environment variable SAMTYKKE_SIGNING_KEY (or samtykke.keys.signing-key) to at least 32 random"
                        + " bytes in base64, e.g. from 'openssl rand -base64 32', and optionally samtykke.keys.signing-key-id."
                        + " Keep older keys in samtykke.keys.verifying-keys.<id> while their cookies live. For local"
                        + " development only, samtykke.development=true signs with a random key instead.", cause);
    }
}
