package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.cookie.KeyRing;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import java.util.Base64;
import java.util.Map;

import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/** One environment variable for the signing key, SAMTYKKE_SIGNING_KEY, as everywhere else in Samtykke. */
class KeysConfigurationTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[]{
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SamtykkeAutoConfiguration.class));

    /** The variable as the operating system's environment would give it (a property source of its own). */
    private static WebApplicationContextRunner withEnvironmentVariable(WebApplicationContextRunner runner, String value) {
        return runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addLast(new MapPropertySource("test-system-environment", Map.of("SAMTYKKE_SIGNING_KEY", value))));
    }

    @Test
    void readsTheSigningKeyFromSamtykkeSigningKey() {
        withEnvironmentVariable(runner, KEY).withPropertyValues(POLICY).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(KeyRing.class).signingKeyId()).isEqualTo("k1");
        });
    }

    @Test
    void thePropertyWinsOverTheEnvironmentVariable() {
        withEnvironmentVariable(runner, "not base64 at all").withPropertyValues(POLICY, "samtykke.keys.signing-key=" + OTHER_KEY)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void withNeitherStartUpFailsNamingTheVariable() {
        runner.withPropertyValues(POLICY).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new SigningKeyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("SAMTYKKE_SIGNING_KEY");
            assertThat(analysis.getAction()).contains("SAMTYKKE_SIGNING_KEY").doesNotContain("SAMTYKKE_KEYS_SIGNINGKEY");
        });
    }
}
