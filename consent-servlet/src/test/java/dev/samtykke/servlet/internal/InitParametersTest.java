package dev.samtykke.servlet.internal;

import dev.samtykke.servlet.Samtykke;
import dev.samtykke.servlet.SamtykkeConfig;
import dev.samtykke.servlet.TrackingPath;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InitParametersTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String OTHER_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @Test
    void readsEverySettingFromItsParameter() {
        Map<String, String> parameters = Map.of(
                "samtykke.cookie.name", "cc", "samtykke.cookie.domain", "example.com",
                "samtykke.cookie.always-secure", "true", "samtykke.endpoints.base-path", "/privacy/consent",
                "samtykke.endpoints.max-request-size", "2KB", "samtykke.undeclared-cookies", "block",
                "samtykke.tracking-paths", "/collect/**=analytics,\n /ads/*=analytics+marketing",
                "samtykke.endpoints.trusted-origins", "https://www.example.com, https://example.com",
                "samtykke.decisions-per-minute", "12");

        SamtykkeConfig config = InitParameters.config(parameters::get);

        assertThat(config).isEqualTo(SamtykkeConfig.builder().cookieName("cc").cookieDomain("example.com")
                .alwaysSecureCookie(true).basePath("/privacy/consent").maxBodyBytes(2048)
                .undeclaredCookies(UndeclaredCookiePolicy.BLOCK)
                .trackingPath("/collect/**", "analytics").trackingPath("/ads/*", "analytics", "marketing")
                .trustedOrigins(Set.of("https://www.example.com", "https://example.com")).decisionsPerMinute(12).build());
        assertThat(config.trackingPaths().get(1)).isEqualTo(TrackingPath.of("/ads/*", "analytics", "marketing"));
    }

    @Test
    void theNamesUsedBeforeStillWork() {
        Map<String, String> former = Map.of("samtykke.cookie-name", "cc", "samtykke.always-secure-cookie", "true",
                "samtykke.base-path", "/privacy/consent", "samtykke.max-body-bytes", "2048",
                "samtykke.trusted-origins", "https://www.example.com");

        assertThat(InitParameters.config(former::get)).isEqualTo(SamtykkeConfig.builder().cookieName("cc")
                .alwaysSecureCookie(true).basePath("/privacy/consent").maxBodyBytes(2048)
                .trustedOrigins(Set.of("https://www.example.com")).build());
        assertThat(InitParameters.config(Map.of("samtykke.cookie.name", "new", "samtykke.cookie-name", "old")::get)
                .cookieName()).as("the new name wins").isEqualTo("new");
    }

    @Test
    void sizesAreBytesOrTakeAUnitAsSpringWritesThem() {
        assertThat(InitParameters.size("x", "512")).isEqualTo(512);
        assertThat(InitParameters.size("x", "8KB")).isEqualTo(8192);
        assertThat(InitParameters.size("x", "1MB")).isEqualTo(1 << 20);
    }

    @Test
    void noParametersMeanTheDefaults() {
        assertThat(InitParameters.config(name -> null)).isEqualTo(SamtykkeConfig.ofDefaults());
    }

    @Test
    void wrongValuesAreNamed() {
        assertThatThrownBy(() -> InitParameters.config(Map.of("samtykke.endpoints.max-request-size", "8 kilobytes")::get))
                .hasMessageContaining("samtykke.endpoints.max-request-size");
        assertThatThrownBy(() -> InitParameters.config(Map.of("samtykke.decisions-per-minute", "lots")::get))
                .hasMessageContaining("samtykke.decisions-per-minute");
        assertThatThrownBy(() -> InitParameters.config(Map.of("samtykke.decisions-per-minute", "-1")::get))
                .hasMessageContaining("decisionsPerMinute");
        assertThatThrownBy(() -> InitParameters.config(Map.of("samtykke.cookie.name", "__Host-consent",
                "samtykke.cookie.domain", "example.com")::get)).hasMessageContaining("__Host-");
        assertThatThrownBy(() -> InitParameters.config(Map.of("samtykke.undeclared-cookies", "report")::get))
                .hasMessageContaining("allow or block");
        assertThatThrownBy(() -> InitParameters.config(Map.of("samtykke.cookie.always-secure", "yes")::get))
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> InitParameters.config(Map.of("samtykke.tracking-paths", "/collect/**")::get))
                .hasMessageContaining("name=value");
    }

    @Test
    void signingKeyComesFromTheDefaultEnvironmentVariable() {
        assertThat(InitParameters.keys(name -> null, Map.of("SAMTYKKE_SIGNING_KEY", KEY)::get).signingKeyId()).isEqualTo("k1");
    }

    @Test
    void signingKeyComesFromANamedEnvironmentVariableWithVerifyingKeys() {
        Map<String, String> parameters = Map.of("samtykke.keys.signing-key-env", "MY_KEY", "samtykke.keys.signing-key-id", "k2",
                "samtykke.keys.verifying-keys-env", "MY_OLD_KEYS");
        Map<String, String> environment = Map.of("MY_KEY", KEY, "MY_OLD_KEYS", "k1=" + OTHER_KEY);

        var keys = InitParameters.keys(parameters::get, environment::get);

        assertThat(keys.signingKeyId()).isEqualTo("k2");
        assertThat(keys.verifyingKeyIds()).contains("k1", "k2");
    }

    @Test
    void missingKeyFailsClosedWithAClearMessage() {
        assertThatThrownBy(() -> InitParameters.keys(name -> null, name -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SAMTYKKE_SIGNING_KEY").hasMessageContaining("samtykke.development=true");
    }

    @Test
    void developmentKeysOnlyWhenAskedFor() {
        assertThat(InitParameters.keys(Map.of("samtykke.development", "true")::get, name -> null).isDevelopment()).isTrue();
    }

    @Test
    void missingPolicyIsNamed() {
        assertThatThrownBy(() -> InitParameters.configure(name -> null, name -> null)).hasMessageContaining("samtykke.policy");
    }

    @Test
    void buildsAWorkingInstanceFromParameters() {
        Samtykke samtykke = InitParameters.configure(Map.of("samtykke.policy", "classpath:policies/jackon.json",
                "samtykke.keys.signing-key", KEY)::get, name -> null).build();

        assertThat(samtykke.policy().id()).isEqualTo("jackon");
        assertThat(samtykke.endpointsMapping()).isEqualTo("/consent/*");
    }

    @Test
    void ledgerDefaultsToNoneAndAJndiNameThatCannotBeFoundFailsClearly() {
        assertThat(InitParameters.ledger(name -> null)).isNull();
        assertThatThrownBy(() -> InitParameters.ledger(Map.of("samtykke.ledger.jndi", "java:comp/env/jdbc/consent")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samtykke.ledger.jndi 'java:comp/env/jdbc/consent' cannot be looked up");
    }

    @Test
    void accountsAreLinkedOnlyWhenAskedForAndABadAccountKeyIsNamedWithoutItsValue() {
        Map<String, String> base = Map.of("samtykke.policy", "classpath:policies/jackon.json", "samtykke.keys.signing-key", KEY);
        java.util.HashMap<String, String> params = new java.util.HashMap<>(base);
        params.put("samtykke.accounts.key", "c2hvcnQ=");
        assertThat(InitParameters.configure(params::get, name -> null).build()).as("the key alone turns nothing on").isNotNull();

        params.put("samtykke.accounts.enabled", "true");
        assertThatThrownBy(() -> InitParameters.configure(params::get, name -> null))
                .hasMessageStartingWith("samtykke.accounts.key: ").hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        params.put("samtykke.accounts.key", KEY);
        assertThat(InitParameters.configure(params::get, name -> null).build().policy().id()).isEqualTo("jackon");
    }
}
