package dev.samtykke.spring.autoconfigure;

import dev.samtykke.spring.ConsoleSecurityMissingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains that the privacy console needs Spring Security, and how to add it or turn the console off. */
public class ConsoleFailureAnalyzer extends AbstractFailureAnalyzer<ConsoleSecurityMissingException> {

    /** Created by Spring Boot from {@code META-INF/spring.factories}. */
    public ConsoleFailureAnalyzer() {
    }

    /**
     * The analysis.
     *
     * @param rootFailure the failure
     * @param cause the exception in its chain
     * @return the description and the action to take
     */
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConsoleSecurityMissingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Add Spring Security (org.springframework.boot:spring-boot-starter-security) and give the console's users"
                        + " the authority in samtykke.console.authority (default ROLE_SAMTYKKE_ADMIN), or set"
                        + " samtykke.console.enabled=false. The console holds visitors' consent records and can erase"
                        + " them, so Samtykke never serves it unprotected.", cause);
    }
}
