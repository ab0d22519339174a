package dev.samtykke.spring.internal;

import dev.samtykke.spring.RequiresConsent;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

import java.lang.reflect.Method;
import java.util.Objects;

/** Matches the methods a {@link RequiresConsent} applies to, on the method or on its class. */
public final class RequiresConsentPointcut extends StaticMethodMatcherPointcut {

    private final ConsentRequirements requirements;

    /**
     * @param requirements the shared annotation look-up
     */
    public RequiresConsentPointcut(ConsentRequirements requirements) {
        this.requirements = Objects.requireNonNull(requirements, "requirements");
    }

    /**
     * Whether the method is gated.
     *
     * @param method the candidate method
     * @param targetClass the target class
     * @return {@code true} if a {@link RequiresConsent} applies
     */
    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        return requirements.find(method, targetClass).isPresent();
    }
}
