package dev.samtykke.spring.autoconfigure;

import dev.samtykke.spring.UnknownConsentPurposeException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@code @RequiresConsent} that names no purpose of the policy, or none at all. */
public class UnknownConsentPurposeFailureAnalyzer extends AbstractFailureAnalyzer<UnknownConsentPurposeException> {

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public UnknownConsentPurposeFailureAnalyzer() {
    }

    /**
     * The analysis.
     *
     * @param rootFailure the failure
     * @param cause the exception in its chain
     * @return the description and the action to take
     */
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownConsentPurposeException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Name purposes by their id in the consent policy (samtykke.policy), or declare the purpose there"
                        + " and raise the policy's version.", cause);
    }
}
