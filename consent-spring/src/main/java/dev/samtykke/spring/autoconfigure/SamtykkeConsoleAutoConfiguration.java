package dev.samtykke.spring.autoconfigure;

import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.console.AuditTrail;
import dev.samtykke.servlet.console.InMemoryAuditTrail;
import dev.samtykke.servlet.console.JdbcAuditTrail;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.spring.SamtykkeProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import javax.sql.DataSource;
import dev.samtykke.servlet.console.PrivacyConsole;
import dev.samtykke.spring.ConsoleSecurityMissingException;
import dev.samtykke.spring.SamtykkeConsoleProperties;
import dev.samtykke.spring.internal.ConsoleSecurity;
import dev.samtykke.spring.internal.SpringSecurityConsoleAuthorizer;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;

/**
 * The privacy console, with {@code samtykke.console.enabled=true} only: served at {@code {base-path}/admin/} behind a
 * security filter chain of its own that requires {@code samtykke.console.authority} and a CSRF token on every state
 * change. Without Spring Security on the class path, start-up fails ({@link ConsoleFailureAnalyzer}) instead of
 * serving it open. It runs after Spring Boot's security auto-configuration, so that the application keeps Boot's
 * default chain for everything else when it has none of its own.
 */
@AutoConfiguration(after = SamtykkeAutoConfiguration.class, afterName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "samtykke.console.enabled")
@ConditionalOnBean(Samtykke.class)
@EnableConfigurationProperties(SamtykkeConsoleProperties.class)
@Import(SamtykkeConsoleAutoConfiguration.Secured.class)
public class SamtykkeConsoleAutoConfiguration {

    /** The classes the console's protection needs. */
    static final String[] SECURITY_CLASSES = {"org.springframework.security.web.SecurityFilterChain",
            "org.springframework.security.config.annotation.web.builders.HttpSecurity"};

    /** Bean name of the console's servlet registration. */
    static final String REGISTRATION = "samtykkeConsoleRegistration";

    /**
     * Stops start-up when Spring Security is missing.
     *
     * @param beanFactory the application's bean factory, whose class loader is checked
     * @throws ConsoleSecurityMissingException when Spring Security is missing
     */
    public SamtykkeConsoleAutoConfiguration(ConfigurableListableBeanFactory beanFactory) {
        for (String name : SECURITY_CLASSES) {
            if (!ClassUtils.isPresent(name, beanFactory.getBeanClassLoader())) {
                throw new ConsoleSecurityMissingException("samtykke.console.enabled=true, but Spring Security is not on the"
                        + " class path (" + name + " is missing): the privacy console is not served without it");
            }
        }
    }

    /** The console and its protection, where Spring Security is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
            "org.springframework.security.config.annotation.web.builders.HttpSecurity"})
    static class Secured {

        /**
         * The audit trail: in the ledger's database ({@code <table-prefix>console_audit}, with the ledger's schema
         * management) when the ledger is the JDBC one, so that it outlives restarts; else in memory.
         */
        @Bean
        @ConditionalOnMissingBean
        @DependsOnDatabaseInitialization
        AuditTrail samtykkeAuditTrail(ConsentLedger ledger, ObjectProvider<DataSource> dataSources,
                                      SamtykkeProperties properties) {
            DataSource dataSource = ledger instanceof JdbcConsentLedger ? dataSources.getIfUnique() : null;
            if (dataSource == null) {
                return new InMemoryAuditTrail();
            }
            return JdbcAuditTrail.builder(dataSource)
                    .tablePrefix(properties.getLedger().getTablePrefix())
                    .schemaManagement(properties.getLedger().getSchema())
                    .build();
        }

        @Bean
        @ConditionalOnMissingBean
        PrivacyConsole privacyConsole(Samtykke samtykke, AuditTrail auditTrail, SamtykkeConsoleProperties properties) {
            return PrivacyConsole.builder(samtykke, new SpringSecurityConsoleAuthorizer(authority(properties)))
                    .auditTrail(auditTrail).formField(ConsoleSecurity::csrfFormField).build();
        }

        @Bean(REGISTRATION)
        @ConditionalOnMissingBean(name = REGISTRATION)
        ServletRegistrationBean<PrivacyConsole> samtykkeConsoleRegistration(PrivacyConsole console) {
            ServletRegistrationBean<PrivacyConsole> registration = new ServletRegistrationBean<>(console, console.mapping());
            registration.setName("samtykkeConsole");
            return registration;
        }

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        SecurityFilterChain samtykkeConsoleSecurityFilterChain(HttpSecurity http, Samtykke samtykke,
                                                               SamtykkeConsoleProperties properties) throws Exception {
            return ConsoleSecurity.chain(http, samtykke.config().basePath(), authority(properties));
        }

        private static String authority(SamtykkeConsoleProperties properties) {
            String authority = properties.getAuthority();
            if (authority == null || authority.isBlank()) {
                throw new IllegalArgumentException("samtykke.console.authority must name an authority, e.g. ROLE_SAMTYKKE_ADMIN");
            }
            return authority.strip();
        }
    }
}
