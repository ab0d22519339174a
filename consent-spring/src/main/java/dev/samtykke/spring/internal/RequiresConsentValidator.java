package dev.samtykke.spring.internal;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.spring.RequiresConsent;
import dev.samtykke.spring.UnknownConsentPurposeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
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
 * names at least one purpose and only purposes the consent policy declares. A misspelt id would
 * otherwise keep the gate shut for everyone, silently.
 *
 * <p>Controllers are included. Existing singletons are checked by the class behind any proxy; lazy and
 * prototype beans by the type the factory predicts without creating them (for a {@code @Bean} method,
 * its declared return type, so annotations only on an implementation behind an interface return type
 * are not seen there). A bean whose class cannot be introspected is skipped, as Spring's own annotation
 * processors do; its gates still hold at run time.
 *
 * <p>Stops start-up with {@link UnknownConsentPurposeException} listing every such annotation; warns
 * about a named purpose that does not rest on consent (it is allowed without asking).
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
            Class<?> user = typeOf(name);
            if (user == null || !seen.add(user) || !AnnotationUtils.isCandidateClass(user, RequiresConsent.class)) {
                continue;
            }
            try {
                check(current, name, user.getName(), user, problems);
                ReflectionUtils.doWithMethods(user, method -> check(current, name, describe(user, method), method, problems),
                        method -> !method.isBridge() && !method.isSynthetic() && method.getDeclaringClass() != Object.class);
            } catch (Throwable unreadable) {
                // A class whose methods name types missing from the class path: Spring's own annotation
                // processors skip such beans too. Its gates are still enforced at run time.
                LOG.debug("Could not check @RequiresConsent on bean '{}' ({}): {}", name, user.getName(), unreadable.toString());
            }
        }
        if (!problems.isEmpty()) {
            throw new UnknownConsentPurposeException(List.copyOf(problems),
                    current.consentPurposes().stream().map(Purpose::id).toList());
        }
    }

    /**
     * The class to look at for a bean: of an existing singleton, the class behind any proxy; otherwise
     * the type the factory predicts without creating the bean (for a lazy {@code @Bean} method, its
     * declared return type).
     */
    private Class<?> typeOf(String name) {
        try {
            if (beans instanceof SingletonBeanRegistry registry && registry.containsSingleton(name)) {
                Object bean = registry.getSingleton(name);
                if (bean != null) {
                    return AopProxyUtils.ultimateTargetClass(bean);
                }
            }
            Class<?> type = beans.getType(name, false);
            return type == null ? null : ClassUtils.getUserClass(type);
        } catch (RuntimeException | LinkageError unresolvable) {
            LOG.debug("Could not resolve the type of bean '{}': {}", name, unresolvable.toString());
            return null;
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
        if (!requirement.service().isEmpty() && policy.service(requirement.service()).isEmpty()) {
            problems.add("bean '" + bean + "', " + where + ": service '" + requirement.service() + "' is not declared by policy '"
                    + policy.id() + "' " + policy.version());
        }
        for (String id : requirement.value()) {
            Optional<Purpose> purpose = policy.purpose(id);
            if (purpose.isEmpty()) {
                problems.add("bean '" + bean + "', " + where + ": purpose '" + id + "' is not declared by policy '"
                        + policy.id() + "' " + policy.version());
            } else if (!purpose.get().decidable()) { // an objectable purpose is gated: an objection denies it
                LOG.warn("@RequiresConsent on {} names purpose '{}', which does not rest on consent: it is allowed"
                        + " without asking{}, so the gate does not wait for a choice", where, id,
                        purpose.get().gpcOptOut() ? " (unless a Global Privacy Control signal denies it)" : "");
            }
        }
    }

    private static String describe(Class<?> type, Method method) {
        return type.getName() + "#" + method.getName();
    }
}
