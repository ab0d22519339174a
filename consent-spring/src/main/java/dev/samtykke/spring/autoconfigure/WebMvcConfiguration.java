package dev.samtykke.spring.autoconfigure;

import dev.samtykke.servlet.Samtykke;
import dev.samtykke.spring.SamtykkeProperties;
import dev.samtykke.spring.internal.ConsentRequiredExceptionResolver;
import dev.samtykke.spring.internal.ConsentRequirements;
import dev.samtykke.spring.internal.ConsentStateArgumentResolver;
import dev.samtykke.spring.internal.RequiresConsentHandlerInterceptor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Spring MVC: {@code @RequiresConsent} on handlers, the {@code ConsentState} argument, {@code ConsentRequiredException}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(WebMvcConfigurer.class)
class WebMvcConfiguration {

    /** Bean name of the MVC configurer. */
    static final String CONFIGURER = "samtykkeWebMvcConfigurer";

    @Bean
    @ConditionalOnMissingBean
    RequiresConsentHandlerInterceptor requiresConsentHandlerInterceptor(Samtykke samtykke, SamtykkeProperties properties) {
        return new RequiresConsentHandlerInterceptor(samtykke, new ConsentRequirements(),
                properties.getWeb().getNotGrantedStatus());
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentStateArgumentResolver consentStateArgumentResolver(Samtykke samtykke) {
        return new ConsentStateArgumentResolver(samtykke);
    }

    @Bean
    @ConditionalOnMissingBean
    ConsentRequiredExceptionResolver consentRequiredExceptionResolver(SamtykkeProperties properties) {
        return new ConsentRequiredExceptionResolver(properties.getWeb().getNotGrantedStatus());
    }

    @Bean(CONFIGURER)
    @ConditionalOnMissingBean(name = CONFIGURER)
    WebMvcConfigurer samtykkeWebMvcConfigurer(RequiresConsentHandlerInterceptor interceptor,
                                              ConsentStateArgumentResolver argumentResolver,
                                              ConsentRequiredExceptionResolver exceptionResolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(argumentResolver);
            }

            @Override
            public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
                resolvers.add(exceptionResolver);
            }
        };
    }
}
