package dev.samtykke.spring.autoconfigure;

import dev.samtykke.servlet.SubjectResolver;
import dev.samtykke.spring.internal.SpringSecuritySubjectResolver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code samtykke.accounts.enabled=true}: the {@link SubjectResolver} that links decisions to the signed-in account,
 * Spring Security's principal where Spring Security is present, else the request's user principal. An application's
 * own {@link SubjectResolver} bean takes precedence.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "samtykke.accounts", name = "enabled", havingValue = "true")
class AccountsConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SpringSecurityAccounts {
        @Bean
        @ConditionalOnMissingBean(SubjectResolver.class)
        SubjectResolver samtykkeSubjectResolver() {
            return new SpringSecuritySubjectResolver();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContextHolder")
    static class ContainerAccounts {
        @Bean
        @ConditionalOnMissingBean(SubjectResolver.class)
        SubjectResolver samtykkeSubjectResolver() {
            return SubjectResolver.userPrincipal();
        }
    }
}
