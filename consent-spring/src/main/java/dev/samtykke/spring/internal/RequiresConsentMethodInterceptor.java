package dev.samtykke.spring.internal;

import dev.samtykke.spring.ConsentRequiredException;
import dev.samtykke.spring.RequiresConsent;
import dev.samtykke.servlet.ConsentContext;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link RequiresConsent} method only when the consent bound to the current thread (by the
 * consent filter, see {@link ConsentContext}) grants its purposes; otherwise returns the empty value of
 * its return type or throws {@link ConsentRequiredException}. No bound consent counts as not granted.
 */
public final class RequiresConsentMethodInterceptor implements MethodInterceptor {

    private final ConsentRequirements requirements;

    /**
     * @param requirements the shared annotation look-up
     */
    public RequiresConsentMethodInterceptor(ConsentRequirements requirements) {
        this.requirements = Objects.requireNonNull(requirements, "requirements");
    }

    /**
     * Proceeds if granted, else returns empty or throws.
     *
     * @param invocation the call
     * @return the method's result, or the empty value of its return type
     * @throws Throwable what the method throws, or {@link ConsentRequiredException}
     */
    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Method method = invocation.getMethod();
        Object target = invocation.getThis();
        Class<?> targetClass = target != null ? AopUtils.getTargetClass(target) : null;
        Optional<RequiresConsent> requirement = requirements.find(method, targetClass);
        if (requirement.isEmpty()
                || ConsentRequirements.isGranted(requirement.get(), ConsentContext.find().orElse(null))) {
            return invocation.proceed();
        }
        if (requirement.get().whenNotGranted() == RequiresConsent.WhenNotGranted.THROW) {
            throw new ConsentRequiredException(List.of(requirement.get().value()),
                    method.getDeclaringClass().getSimpleName() + "." + method.getName());
        }
        return EmptyValues.of(method.getReturnType());
    }
}
