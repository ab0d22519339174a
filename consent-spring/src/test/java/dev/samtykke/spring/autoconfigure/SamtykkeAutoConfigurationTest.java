package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.NoticeHash;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeConfig;
import dev.samtykke.servlet.SamtykkeListener;
import dev.samtykke.servlet.TrackingPath;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import dev.samtykke.spring.ConsentTemplateHelper;
import dev.samtykke.spring.SamtykkeProperties;
import dev.samtykke.spring.SigningKeyException;
import dev.samtykke.spring.internal.RequiresConsentBeanPostProcessor;
import dev.samtykke.spring.internal.RequiresConsentHandlerInterceptor;
import dev.samtykke.spring.internal.SamtykkeMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SamtykkeAutoConfigurationTest {

    static final String POLICY = "samtykke.policy=classpath:policies/jackon.json";
    static final String DEV = "samtykke.development=true";
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SamtykkeAutoConfiguration.class));

    @Test
    void configuresEveryPartInAServletWebApplication() {
        runner.withPropertyValues(POLICY, DEV).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ConsentPolicy.class).hasSingleBean(KeyRing.class)
                    .hasSingleBean(ConsentLedger.class).hasSingleBean(SamtykkeConfig.class).hasSingleBean(Samtykke.class)
                    .hasSingleBean(RequiresConsentHandlerInterceptor.class)
                    .hasSingleBean(RequiresConsentBeanPostProcessor.class)
                    .hasBean(ServletConfiguration.FILTER_REGISTRATION).hasBean(ServletConfiguration.ENDPOINTS_REGISTRATION)
                    .hasBean(WebMvcConfiguration.CONFIGURER);
            assertThat(context.getBean("consent")).isInstanceOf(ConsentTemplateHelper.class);
            assertThat(context.getBean(ConsentPolicy.class).id()).isEqualTo("jackon");
        });
    }

    @Test
    void documentedDefaultsAreWhatHappens() {
        runner.withPropertyValues(POLICY, DEV).run(context -> {
            SamtykkeConfig config = context.getBean(SamtykkeConfig.class);
            assertThat(config).isEqualTo(SamtykkeConfig.ofDefaults());
            assertThat(config.cookieName()).as("chosen per request").isNull();
            assertThat(config.cookieNameFor(false)).isEqualTo("consent");
            assertThat(config.cookieNameFor(true)).isEqualTo("__Host-consent");
            assertThat(config.decisionsPerMinute()).isEqualTo(30);
            assertThat(config.basePath()).isEqualTo("/consent");
            assertThat(config.maxBodyBytes()).isEqualTo(8 * 1024);
            assertThat(config.undeclaredCookies()).isEqualTo(UndeclaredCookiePolicy.ALLOW);
            assertThat(config.trackingPaths()).isEmpty();

            FilterRegistrationBean<?> filter = context.getBean(ServletConfiguration.FILTER_REGISTRATION,
                    FilterRegistrationBean.class);
            assertThat(filter.getOrder()).isEqualTo(SamtykkeProperties.DEFAULT_FILTER_ORDER);
            assertThat(filter.getUrlPatterns()).containsExactly("/*");
            assertThat(filter.determineDispatcherTypes()).as("every dispatch is enforced").containsExactlyInAnyOrder(
                    jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.FORWARD,
                    jakarta.servlet.DispatcherType.INCLUDE, jakarta.servlet.DispatcherType.ASYNC,
                    jakarta.servlet.DispatcherType.ERROR);
            assertThat(filter.isAsyncSupported()).isTrue();
            ServletRegistrationBean<?> endpoints = context.getBean(ServletConfiguration.ENDPOINTS_REGISTRATION,
                    ServletRegistrationBean.class);
            assertThat(endpoints.getUrlMappings()).containsExactly("/consent/*");

            assertThat(context.getBean(KeyRing.class).isDevelopment()).isTrue();
            assertThat(context.getBean(ConsentLedger.class)).isInstanceOf(InMemoryConsentLedger.class);
            ConsentPolicy policy = context.getBean(ConsentPolicy.class);
            assertThat(policy).isEqualTo(PolicyLoader.fromClasspath("policies/jackon.json"));
            assertThat(context.getBean(SamtykkeProperties.class).getWeb().getNotGrantedStatus()).isEqualTo(204);
        });
    }

    @Test
    void loadsThePolicyFromClasspathConsentPolicyJsonByDefault() {
        runner.withPropertyValues(DEV).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("classpath:consent-policy.json");
        });
    }

    @Test
    void acceptsAYamlPolicy() {
        runner.withPropertyValues("samtykke.policy=classpath:policies/jackon.yaml", DEV).run(context ->
                assertThat(context.getBean(ConsentPolicy.class))
                        .isEqualTo(PolicyLoader.fromClasspath("policies/jackon.json")));
    }

    @Test
    void acceptsAPolicyFileOnDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.json");
        Files.write(file, jackonJson().getBytes(StandardCharsets.UTF_8));
        runner.withPropertyValues("samtykke.policy=file:" + file, DEV).run(context ->
                assertThat(context.getBean(ConsentPolicy.class).id()).isEqualTo("jackon"));
    }

    @Test
    void turnedOffByTheMasterSwitch() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(Samtykke.class).doesNotHaveBean(ConsentPolicy.class)
                    .doesNotHaveBean(RequiresConsentBeanPostProcessor.class).doesNotHaveBean("consent");
        });
    }

    @Test
    void staysOutOfApplicationsThatAreNotServletWebApplications() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SamtykkeAutoConfiguration.class))
                .withPropertyValues(POLICY, DEV)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Samtykke.class));
    }

    @Test
    void backsOffForTheApplicationsOwnBeans() {
        runner.withPropertyValues(DEV).withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConsentPolicy.class)).isSameAs(OwnBeans.POLICY);
            assertThat(context.getBean(KeyRing.class)).isSameAs(OwnBeans.KEYS);
            assertThat(context.getBean(ConsentLedger.class)).isSameAs(OwnBeans.LEDGER);
            assertThat(context.getBean(SamtykkeConfig.class)).isSameAs(OwnBeans.CONFIG);
            Samtykke samtykke = context.getBean(Samtykke.class);
            assertThat(samtykke.ledger()).isSameAs(OwnBeans.LEDGER);
            assertThat(samtykke.config().basePath()).isEqualTo("/own");
            assertThat(context.getBean("consent")).isEqualTo("own template helper");
        });
    }

    @Test
    void backsOffForTheApplicationsOwnSamtykkeAndRegistrations() {
        runner.withPropertyValues(POLICY, DEV).withUserConfiguration(OwnSamtykke.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Samtykke.class)).isSameAs(context.getBean("ownSamtykke"));
            assertThat(context.getBean(ServletConfiguration.FILTER_REGISTRATION)).isEqualTo("own filter");
            assertThat(context.getBean(ServletConfiguration.ENDPOINTS_REGISTRATION)).isEqualTo("own endpoints");
        });
    }

    @Test
    void usesTheConfiguredKeys() {
        String old = Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
        runner.withPropertyValues(POLICY, "samtykke.keys.signing-key-id=k2", "samtykke.keys.signing-key=" + KEY,
                "samtykke.keys.verifying-keys.k1=" + old).run(context -> {
            KeyRing keys = context.getBean(KeyRing.class);
            assertThat(keys.isDevelopment()).isFalse();
            assertThat(keys.signingKeyId()).isEqualTo("k2");
            assertThat(keys.verifyingKeyIds()).containsExactlyInAnyOrder("k1", "k2");
        });
    }

    @Test
    void missingSigningKeyOutsideDevelopmentStopsStartUpWithAClearReport() {
        runner.withPropertyValues(POLICY).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            assertThat(failure).rootCause().isInstanceOf(SigningKeyException.class)
                    .hasMessageContaining("samtykke.keys.signing-key");
            var analysis = new SigningKeyFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("No signing key");
            assertThat(analysis.getAction()).contains("samtykke.keys.signing-key", "openssl rand -base64 32",
                    "samtykke.development=true");
        });
    }

    @Test
    void aShortSigningKeyStopsStartUp() {
        runner.withPropertyValues(POLICY, "samtykke.keys.signing-key=" + Base64.getEncoder().encodeToString(new byte[16]))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(causeOf(context.getStartupFailure(), SigningKeyException.class))
                            .hasMessageContaining("samtykke.keys").hasMessageContaining("16 bytes");
                });
    }

    @Test
    void aConfiguredKeyIsUsedEvenInDevelopmentMode() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.keys.signing-key=" + KEY)
                .run(context -> assertThat(context.getBean(KeyRing.class).isDevelopment()).isFalse());
    }

    @Test
    void aPolicyWithProblemsStopsStartUpListingEveryProblemWithItsPath(@TempDir Path dir) throws Exception {
        String broken = jackonJson()
                .replaceFirst("\"legalBasis\": \"consent\"", "\"legalBasis\": \"maybe\"")
                .replaceFirst("\"category\": \"marketing\"", "\"category\": \"nowhere\"")
                .replace("\"purposes\": [\"analytics\"]", "\"purposes\": [\"statistics\"]");
        Path file = dir.resolve("broken.json");
        Files.write(file, broken.getBytes(StandardCharsets.UTF_8));
        var expected = PolicyLoader.check(broken.getBytes(StandardCharsets.UTF_8), PolicyLoader.Format.JSON, "x").problems();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);

        runner.withPropertyValues("samtykke.policy=" + file, DEV).run(context -> {
            assertThat(context).hasFailed();
            var analysis = new PolicyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(file.toString())
                    .contains("has " + expected.size() + " problems");
            for (var problem : expected) {
                assertThat(analysis.getDescription()).contains(problem.path() + ": " + problem.message());
            }
            assertThat(analysis.getAction()).contains("samtykke.policy");
        });
    }

    @Test
    void aMissingPolicyFileIsExplained(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        runner.withPropertyValues("samtykke.policy=" + missing, DEV).run(context -> {
            var analysis = new PolicyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains(missing.toString()).contains("not found");
            assertThat(analysis.getAction()).contains("samtykke.policy", "classpath:consent-policy.json");
        });
    }

    @Test
    void failureAnalyzersAreRegisteredWithSpringBoot() {
        // Some of Boot's own analyzers need a bean factory to be created; only ours matter here.
        var analyzers = org.springframework.core.io.support.SpringFactoriesLoader.forDefaultResourceLocation()
                .load(org.springframework.boot.diagnostics.FailureAnalyzer.class, null, (type, name, failure) -> { });
        assertThat(analyzers).hasAtLeastOneElementOfType(PolicyFailureAnalyzer.class)
                .hasAtLeastOneElementOfType(SigningKeyFailureAnalyzer.class)
                .hasAtLeastOneElementOfType(UnknownConsentPurposeFailureAnalyzer.class);
    }

    @Test
    void bindsEveryServletSetting() {
        runner.withPropertyValues(POLICY, DEV,
                "samtykke.cookie.name=cc", "samtykke.cookie.domain=example.com", "samtykke.cookie.always-secure=true",
                "samtykke.endpoints.base-path=/privacy/consent", "samtykke.endpoints.max-request-size=16KB",
                "samtykke.endpoints.trusted-origins=https://www.example.com",
                "samtykke.undeclared-cookies=block",
                "samtykke.tracking-paths.[/collect/**]=analytics",
                "samtykke.tracking-paths.[/px/*.gif]=analytics,marketing",
                "samtykke.filter-order=5", "samtykke.decisions-per-minute=7").run(context -> {
            SamtykkeConfig config = context.getBean(SamtykkeConfig.class);
            assertThat(config.cookieName()).isEqualTo("cc");
            assertThat(config.cookieDomain()).isEqualTo("example.com");
            assertThat(config.alwaysSecureCookie()).isTrue();
            assertThat(config.basePath()).isEqualTo("/privacy/consent");
            assertThat(config.maxBodyBytes()).isEqualTo(16 * 1024);
            assertThat(config.trustedOrigins()).containsExactly("https://www.example.com");
            assertThat(config.undeclaredCookies()).isEqualTo(UndeclaredCookiePolicy.BLOCK);
            assertThat(config.decisionsPerMinute()).isEqualTo(7);
            assertThat(config.trackingPaths()).containsExactly(TrackingPath.of("/collect/**", "analytics"),
                    TrackingPath.of("/px/*.gif", "analytics", "marketing"));
            assertThat(context.getBean(ServletConfiguration.FILTER_REGISTRATION, FilterRegistrationBean.class).getOrder())
                    .isEqualTo(5);
            assertThat(context.getBean(ServletConfiguration.ENDPOINTS_REGISTRATION, ServletRegistrationBean.class)
                    .getUrlMappings()).containsExactly("/privacy/consent/*");
        });
    }

    @Test
    void aHostPrefixedCookieNameWithADomainStopsStartUp() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.cookie.name=__Host-consent", "samtykke.cookie.domain=example.com")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("cookieName '__Host-consent' cannot be used with cookieDomain 'example.com'");
                });
    }

    @Test
    void aTrackingPathForAnUnknownPurposeStopsStartUp() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.tracking-paths.[/collect/**]=statistics").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("/collect/** -> statistics");
        });
    }

    @Test
    void anInvalidSettingNamesTheProperty() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.endpoints.base-path=consent").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("basePath 'consent'");
            assertThat(context.getStartupFailure()).hasStackTraceContaining("samtykke.* properties are not valid");
        });
    }

    @Test
    void lifetimesComeFromThePolicyUnlessOverridden() {
        runner.withPropertyValues(POLICY, DEV).run(context -> {
            ConsentPolicy policy = context.getBean(ConsentPolicy.class);
            assertThat(policy.consentLifetime().iso()).isEqualTo("P12M");
            assertThat(policy.refusalLifetime().iso()).isEqualTo("P6M");
        });
        runner.withPropertyValues(POLICY, DEV, "samtykke.cookie.consent-lifetime=P6M",
                "samtykke.cookie.refusal-lifetime=P30D").run(context -> {
            ConsentPolicy policy = context.getBean(ConsentPolicy.class);
            assertThat(policy.consentLifetime().iso()).isEqualTo("P6M");
            assertThat(policy.refusalLifetime().iso()).isEqualTo("P30D");
            var decision = new ConsentEvaluator(policy, java.time.Clock.systemUTC()).acceptAll("s");
            assertThat(java.time.Duration.between(decision.decidedAt(), decision.expiresAt()).toDays())
                    .isBetween(181L, 184L);
        });
        runner.withPropertyValues(POLICY, DEV, "samtykke.cookie.consent-lifetime=six months").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("samtykke.cookie.consent-lifetime 'six months'"));
    }

    @Test
    void theLedgerIsInMemoryWithoutADataSource() {
        runner.withPropertyValues(POLICY, DEV).run(context ->
                assertThat(context.getBean(ConsentLedger.class)).isInstanceOf(InMemoryConsentLedger.class));
    }

    @Test
    void theLedgerIsJdbcOnTheApplicationsDataSourceAndCreatesItsTables() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(POLICY, DEV, "spring.datasource.url=jdbc:h2:mem:ledger-auto;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(context.getBean(ConsentLedger.class)).isInstanceOf(JdbcConsentLedger.class);
                    assertThat(tables(context.getBean(DataSource.class))).contains("SAMTYKKE_LEDGER_RECORD");
                });
    }

    @Test
    void theJdbcLedgerTakesTheConfiguredTablePrefix() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(POLICY, DEV, "samtykke.ledger.type=jdbc", "samtykke.ledger.table-prefix=shop_",
                        "spring.datasource.url=jdbc:h2:mem:ledger-prefix;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(((JdbcConsentLedger) context.getBean(ConsentLedger.class)).tablePrefix()).isEqualTo("shop_");
                    assertThat(tables(context.getBean(DataSource.class))).contains("SHOP_LEDGER_RECORD");
                });
    }

    @Test
    void theLedgerTypeMemoryIgnoresTheDataSource() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withPropertyValues(POLICY, DEV, "samtykke.ledger.type=memory",
                        "spring.datasource.url=jdbc:h2:mem:ledger-memory;DB_CLOSE_DELAY=-1")
                .run(context -> {
                    assertThat(context.getBean(ConsentLedger.class)).isInstanceOf(InMemoryConsentLedger.class);
                    assertThat(tables(context.getBean(DataSource.class))).doesNotContain("SAMTYKKE_LEDGER_RECORD");
                });
    }

    @Test
    void theLedgerTypeJdbcWithoutADataSourceStopsStartUp() {
        runner.withPropertyValues(POLICY, DEV, "samtykke.ledger.type=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("samtykke.ledger.type=jdbc needs");
        });
    }

    @Test
    void theLedgerAcceptsRecordsOfTheApplicationsPolicyOnly() {
        runner.withPropertyValues(POLICY, DEV).run(context -> {
            ConsentLedger ledger = context.getBean(ConsentLedger.class);
            ConsentPolicy policy = context.getBean(ConsentPolicy.class);
            ConsentPolicy other = policy.toBuilder().id("other").build();
            var decision = new ConsentEvaluator(other, java.time.Clock.systemUTC()).acceptAll(ConsentEvaluator.newSubjectId());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.append(new NewConsentRecord(decision, "nb", "/",
                    NoticeHash.of(other, Locale.forLanguageTag("nb"))))).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void countsDecisionsWhenAMeterRegistryExists() {
        runner.withPropertyValues(POLICY, DEV).withUserConfiguration(Registry.class).run(context -> {
            assertThat(context).hasSingleBean(SamtykkeMetrics.class);
            Samtykke samtykke = context.getBean(Samtykke.class);
            assertThat(samtykke.ledger()).as("no ledger decorator").isSameAs(context.getBean(ConsentLedger.class));
            MockHttpServletResponse response = new MockHttpServletResponse();
            samtykke.endpoints().service(consentPost("{\"acceptAll\":true}"), response);
            assertThat(response.getStatus()).isEqualTo(200);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(SamtykkeMetrics.DECISIONS).tag("method", "accept-all").counter().count()).isEqualTo(1.0);
            assertThat(registry.get(SamtykkeMetrics.UNDECLARED_NAMES).gauge().value()).isZero();
        });
    }

    @Test
    void theApplicationsListenerBeansAreRegisteredWithTheMetrics() {
        runner.withPropertyValues(POLICY, DEV).withUserConfiguration(Registry.class, OwnListener.class).run(context -> {
            Samtykke samtykke = context.getBean(Samtykke.class);
            samtykke.endpoints().service(consentPost("{\"rejectAll\":true}"), new MockHttpServletResponse());

            assertThat(context.getBean(OwnListener.class).heard).containsExactly("reject-all");
            assertThat(context.getBean(MeterRegistry.class).get(SamtykkeMetrics.DECISIONS).tag("method", "reject-all")
                    .counter().count()).isEqualTo(1.0);
        });
    }

    /** A same-origin {@code POST /consent} as the banner sends it. */
    private static MockHttpServletRequest consentPost(String json) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/consent");
        request.setServletPath("/consent");
        request.setContentType("application/json");
        request.setContent(json.getBytes(StandardCharsets.UTF_8));
        request.addHeader("Sec-Fetch-Site", "same-origin");
        return request;
    }

    @Test
    void metricsCountNothingWithoutAMeterRegistry() {
        runner.withPropertyValues(POLICY, DEV).run(context -> {
            assertThat(context.getBean(SamtykkeMetrics.class).isActive()).isFalse();
        });
    }

    @Test
    void noMetricsWithoutMicrometer() {
        runner.withPropertyValues(POLICY, DEV).withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SamtykkeMetrics.class);
            assertThat(context.getBean(Samtykke.class).ledger()).isSameAs(context.getBean(ConsentLedger.class));
        });
    }

    @Test
    void noMvcPartsWithoutSpringMvc() {
        runner.withPropertyValues(POLICY, DEV).withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class)).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Samtykke.class)
                    .doesNotHaveBean(RequiresConsentHandlerInterceptor.class)
                    .doesNotHaveBean(WebMvcConfiguration.CONFIGURER);
        });
    }

    static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }

    static List<String> tables(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toUpperCase(Locale.ROOT));
            }
            return names;
        }
    }

    static String jackonJson() throws Exception {
        try (var in = SamtykkeAutoConfigurationTest.class.getClassLoader().getResourceAsStream("policies/jackon.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");
        static final KeyRing KEYS = KeyRing.fromBase64("own", KEY, Map.of());
        static final ConsentLedger LEDGER = new InMemoryConsentLedger();
        static final SamtykkeConfig CONFIG = SamtykkeConfig.builder().basePath("/own").build();

        @Bean
        ConsentPolicy ownPolicy() {
            return POLICY;
        }

        @Bean
        KeyRing ownKeys() {
            return KEYS;
        }

        @Bean
        ConsentLedger ownLedger() {
            return LEDGER;
        }

        @Bean
        SamtykkeConfig ownConfig() {
            return CONFIG;
        }

        @Bean
        String consent() {
            return "own template helper";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSamtykke {
        @Bean
        Samtykke ownSamtykke() {
            return Samtykke.builder().policy(PolicyLoader.fromClasspath("policies/jackon.json"))
                    .keys(KeyRing.fromBase64("own", KEY, Map.of())).ledger(new InMemoryConsentLedger()).build();
        }

        @Bean(ServletConfiguration.FILTER_REGISTRATION)
        String ownFilter() {
            return "own filter";
        }

        @Bean(ServletConfiguration.ENDPOINTS_REGISTRATION)
        String ownEndpoints() {
            return "own endpoints";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnListener {
        final List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        SamtykkeListener decisionAudit() {
            return new SamtykkeListener() {
                @Override
                public void decisionRecorded(ConsentDecision decision) {
                    heard.add(decision.method().id());
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
