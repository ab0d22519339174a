package dev.samtykke.spring.autoconfigure;

import dev.samtykke.spring.internal.RequiresConsentBeanPostProcessor;
import org.springframework.aop.framework.AbstractAdvisingBeanPostProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/** {@code @RequiresConsent} on the methods of any bean, through a proxy. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(AbstractAdvisingBeanPostProcessor.class)
class MethodGatingConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static RequiresConsentBeanPostProcessor requiresConsentBeanPostProcessor() {
        return new RequiresConsentBeanPostProcessor();
    }
}
