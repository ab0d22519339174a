package dev.samtykke.spring.internal;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.spring.RequiresConsent;
import dev.samtykke.spring.UnknownConsentPurposeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks, once every singleton exists, that each {@link RequiresConsent} on a bean's class or methods
 * (controllers included, lazy and prototype beans by their type) names at least one purpose and only
 * purposes the consent policy declares. A misspelt id would otherwise keep the gate shut for everyone,
 * silently. Stops start-up with {@link UnknownConsentPurposeException} listing every such annotation;
 * warns about a named purpose that does not rest on consent (it is always allowed, so the gate never
 * closes for it).
 */
public final class RequiresConsentValidator implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(RequiresConsentValidator.class);

    private final ListableBeanFactory beans;
    private final Supplier<ConsentPolicy> policy;

    /**
     * @param beans the beans to check
     * @param policy the policy the purposes must belong to, asked once all singletons exist
     */
    public RequiresConsentValidator(ListableBeanFactory beans, Supplier<ConsentPolicy> policy) {
        this.beans = beans;
        this.policy = policy;
    }

    /**
     * Checks every bean.
     *
     * @throws UnknownConsentPurposeException if an annotation names no purpose or an undeclared one
     */
    @Override
    public void afterSingletonsInstantiated() {
        ConsentPolicy current = policy.get();
        Set<String> problems = new LinkedHashSet<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (String name : beans.getBeanNamesForType(Object.class, true, false)) {
            Class<?> type = beans.getType(name, false);
            if (type == null) {
                continue;
            }
            Class<?> user = ClassUtils.getUserClass(type);
            if (!seen.add(user) || !AnnotationUtils.isCandidateClass(user, RequiresConsent.class)) {
                continue;
            }
            check(current, name, user.getName(), user, problems);
            ReflectionUtils.doWithMethods(user, method -> check(current, name, describe(user, method), method, problems),
                    method -> !method.isBridge() && !method.isSynthetic() && method.getDeclaringClass() != Object.class);
        }
        if (!problems.isEmpty()) {
            throw new UnknownConsentPurposeException(List.copyOf(problems),
                    current.consentPurposes().stream().map(Purpose::id).toList());
        }
    }

    private static void check(ConsentPolicy policy, String bean, String where, AnnotatedElement element,
                              Set<String> problems) {
        RequiresConsent requirement = element instanceof Class<?> type
                ? AnnotatedElementUtils.findMergedAnnotation(type, RequiresConsent.class)
                : AnnotatedElementUtils.findMergedAnnotation(element, RequiresConsent.class);
        if (requirement == null) {
            return;
        }
        if (requirement.value().length == 0) {
            problems.add("bean '" + bean + "', " + where + ": @RequiresConsent names no purpose");
            return;
        }
        for (String id : requirement.value()) {
            Optional<Purpose> purpose = policy.purpose(id);
            if (purpose.isEmpty()) {
                problems.add("bean '" + bean + "', " + where + ": purpose '" + id + "' is not declared by policy '"
                        + policy.id() + "' " + policy.version());
            } else if (!purpose.get().requiresConsent()) {
                LOG.warn("@RequiresConsent on {} names purpose '{}', which does not rest on consent: it is always"
                        + " allowed, so the gate never closes for it", where, id);
            }
        }
    }

    private static String describe(Class<?> type, Method method) {
        return type.getName() + "#" + method.getName();
    }
}
