package dev.samtykke.spring.internal;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.spring.RequiresConsent;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the {@link RequiresConsent} that applies to a method (the method's own, else its class's) and
 * decides it against a {@link ConsentState}. Look-ups are cached per method and class.
 */
public final class ConsentRequirements {

    private final Map<MethodClassKey, Optional<RequiresConsent>> cache = new ConcurrentHashMap<>();

    /**
     * The annotation that applies to a method called on an instance of a class.
     *
     * @param method the method called
     * @param targetClass the class of the target object, or {@code null} for the method's own class
     * @return the annotation, or empty if the method is not gated (methods of {@code Object} never are)
     */
    public Optional<RequiresConsent> find(Method method, Class<?> targetClass) {
        return cache.computeIfAbsent(new MethodClassKey(method, targetClass), key -> lookUp(method, targetClass));
    }

    private static Optional<RequiresConsent> lookUp(Method method, Class<?> targetClass) {
        if (method.getDeclaringClass() == Object.class) {
            return Optional.empty();
        }
        Method specific = targetClass != null ? AopUtils.getMostSpecificMethod(method, targetClass) : method;
        RequiresConsent onMethod = AnnotatedElementUtils.findMergedAnnotation(specific, RequiresConsent.class);
        if (onMethod == null && specific != method) {
            onMethod = AnnotatedElementUtils.findMergedAnnotation(method, RequiresConsent.class);
        }
        if (onMethod != null) {
            return Optional.of(onMethod);
        }
        Class<?> type = targetClass != null ? targetClass : method.getDeclaringClass();
        return Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(type, RequiresConsent.class));
    }

    /**
     * Whether a state grants every purpose a requirement names.
     *
     * @param requirement the annotation
     * @param state the request's consent, or {@code null} outside a request
     * @return {@code true} only if there is a state, the annotation names a purpose, and the state allows
     *         every purpose it names and the service it names, if any
     */
    public static boolean isGranted(RequiresConsent requirement, ConsentState state) {
        if (state == null || requirement.value().length == 0) {
            return false; // an annotation naming no purpose grants nothing (start-up refuses it too)
        }
        for (String purpose : requirement.value()) {
            if (!state.allows(purpose)) {
                return false;
            }
        }
        return requirement.service().isEmpty() || state.allowsService(requirement.service());
    }
}
