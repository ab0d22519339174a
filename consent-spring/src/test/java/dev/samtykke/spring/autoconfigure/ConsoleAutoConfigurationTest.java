package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.stats.BufferedConsentStats;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.InMemoryConsentStats;
import dev.samtykke.core.stats.jdbc.JdbcConsentStats;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.console.AuditAction;
import dev.samtykke.servlet.console.AuditEntry;
import dev.samtykke.servlet.console.AuditTrail;
import dev.samtykke.servlet.console.InMemoryAuditTrail;
import dev.samtykke.servlet.console.JdbcAuditTrail;
import dev.samtykke.servlet.console.PrivacyConsole;
import dev.samtykke.spring.ConsoleSecurityMissingException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's switch, and start-up without Spring Security. */
class ConsoleAutoConfigurationTest {

    private static final String POLICY = "samtykke.policy=classpath:policies/jackon.json";
    private static final String DEV = "samtykke.development=true";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SamtykkeAutoConfiguration.class, SamtykkeConsoleAutoConfiguration.class));

    @Test
    void theConsoleIsOffUnlessEnabled() {
        runner.withPropertyValues(POLICY, DEV).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(PrivacyConsole.class);
            assertThat(context).doesNotHaveBean(SecurityFilterChain.class);
            assertThat(context).doesNotHaveBean(SamtykkeConsoleAutoConfiguration.REGISTRATION);
        });
        runner.withPropertyValues(POLICY, DEV, "samtykke.console.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PrivacyConsole.class));
    }

    @Test
    void enabledWithoutSpringSecurityStartUpFailsSayingWhatToDo() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .withPropertyValues(POLICY, DEV, "samtykke.console.enabled=true").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(ConsoleSecurityMissingException.class);
                    FailureAnalysis analysis = new ConsoleFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("Spring Security is not on the class path");
                    assertThat(analysis.getAction()).contains("spring-boot-starter-security")
                            .contains("ROLE_SAMTYKKE_ADMIN").contains("samtykke.console.enabled=false");
                });
    }

    @Test
    void theCountersLiveBesideAJdbcLedgerAndInMemoryOtherwise() {
        runner.withPropertyValues(POLICY, DEV).run(context -> assertThat(context.getBean(ConsentStats.class))
                .isInstanceOf(InMemoryConsentStats.class));
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SamtykkeAutoConfiguration.class))
                .withPropertyValues(POLICY, DEV, "spring.datasource.url=jdbc:h2:mem:console-" + java.util.UUID.randomUUID())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ConsentStats stats = context.getBean(ConsentStats.class);
                    assertThat(stats).isInstanceOf(BufferedConsentStats.class);
                    assertThat(stats.toString()).contains(JdbcConsentStats.class.getSimpleName()).contains("samtykke_stats_count");
                    assertThat(context.getBean(Samtykke.class).stats()).isSameAs(stats);
                });
    }

    @Test
    void theAuditTrailLivesInTheLedgersDatabaseAndInMemoryOtherwise() {
        runner.withUserConfiguration(WebSecurity.class).withPropertyValues(POLICY, DEV, "samtykke.console.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AuditTrail.class)).isInstanceOf(InMemoryAuditTrail.class);
        });
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SamtykkeAutoConfiguration.class,
                        SamtykkeConsoleAutoConfiguration.class))
                .withUserConfiguration(WebSecurity.class)
                .withPropertyValues(POLICY, DEV, "samtykke.console.enabled=true", "samtykke.ledger.table-prefix=shop_",
                        "spring.datasource.url=jdbc:h2:mem:console-audit-" + java.util.UUID.randomUUID())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    AuditTrail trail = context.getBean(AuditTrail.class);
                    assertThat(trail).isInstanceOf(JdbcAuditTrail.class).hasToString("JdbcAuditTrail[shop_console_audit]");
                    assertThat(context.getBean(PrivacyConsole.class).auditTrail()).isSameAs(trail);
                    trail.record(new AuditEntry(java.time.Instant.parse("2026-11-26T12:00:00Z"), "dpo", AuditAction.LOOKUP,
                            null, "0 records"));
                    assertThat(trail.recent(1)).extracting(AuditEntry::principal).containsExactly("dpo");
                });
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SamtykkeAutoConfiguration.class,
                        SamtykkeConsoleAutoConfiguration.class))
                .withUserConfiguration(WebSecurity.class)
                .withPropertyValues(POLICY, DEV, "samtykke.console.enabled=true",
                        "spring.datasource.url=jdbc:h2:mem:console-audit-" + java.util.UUID.randomUUID())
                .withBean(AuditTrail.class, () -> new InMemoryAuditTrail(5))
                .run(context -> assertThat(context.getBean(AuditTrail.class)).isInstanceOf(InMemoryAuditTrail.class));
    }

    /** Spring Security's web configuration, which the console's chain needs (Boot's auto-configuration gives it). */
    @org.springframework.security.config.annotation.web.configuration.EnableWebSecurity
    static class WebSecurity {
    }

    @Test
    void theFailureAnalyzerIsRegistered() throws Exception {
        String factories = new String(getClass().getClassLoader().getResourceAsStream("META-INF/spring.factories").readAllBytes());
        assertThat(factories).contains(ConsoleFailureAnalyzer.class.getName());
    }
}
