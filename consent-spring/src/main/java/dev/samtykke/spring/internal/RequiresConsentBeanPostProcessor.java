package dev.samtykke.spring.internal;

import org.springframework.aop.framework.AbstractAdvisingBeanPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;

/**
 * Proxies every bean with a {@code @RequiresConsent} method or class so that
 * {@link RequiresConsentMethodInterceptor} gates its calls. Works on its own, like the post-processors
 * of {@code @Async} and {@code @Validated}: no AspectJ and no auto-proxy configuration needed. Beans that
 * are proxies already get the advice added, ahead of their other advisors. Classes are proxied (CGLIB),
 * so a bean is still injectable by its class.
 */
public final class RequiresConsentBeanPostProcessor extends AbstractAdvisingBeanPostProcessor {

    private static final long serialVersionUID = 1L;

    /** A post-processor with its own annotation look-up. */
    public RequiresConsentBeanPostProcessor() {
        ConsentRequirements requirements = new ConsentRequirements();
        this.advisor = new DefaultPointcutAdvisor(new RequiresConsentPointcut(requirements),
                new RequiresConsentMethodInterceptor(requirements));
        setBeforeExistingAdvisors(true);
        setProxyTargetClass(true);
    }
}
