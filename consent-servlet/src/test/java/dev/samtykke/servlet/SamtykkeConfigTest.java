package dev.samtykke.servlet;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamtykkeConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SamtykkeConfig config = SamtykkeConfig.ofDefaults();

        assertThat(config.cookieName()).as("chosen per request").isNull();
        assertThat(config.cookieNameFor(false)).isEqualTo("consent");
        assertThat(config.cookieNameFor(true)).isEqualTo("__Host-consent");
        assertThat(config.legacyCookieNameFor(true)).isEqualTo("consent");
        assertThat(config.legacyCookieNameFor(false)).isNull();
        assertThat(config.decisionsPerMinute()).isEqualTo(30);
        assertThat(config.cookieDomain()).isNull();
        assertThat(config.alwaysSecureCookie()).isFalse();
        assertThat(config.basePath()).isEqualTo("/consent");
        assertThat(config.maxBodyBytes()).isEqualTo(8192);
        assertThat(config.undeclaredCookies()).isEqualTo(UndeclaredCookiePolicy.ALLOW);
        assertThat(config.trackingPaths()).isEmpty();
        assertThat(config.trustedOrigins()).isEmpty();
    }

    @Test
    void builderSetsEverySettingAndToBuilderKeepsThem() {
        SamtykkeConfig config = SamtykkeConfig.builder().cookieName("cc").cookieDomain("example.com").alwaysSecureCookie(true)
                .basePath("/api/consent").maxBodyBytes(1024).undeclaredCookies(UndeclaredCookiePolicy.BLOCK)
                .trackingPath("/collect/**", "analytics").trustedOrigin("HTTPS://www.Example.com:443/")
                .decisionsPerMinute(5).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.trustedOrigins()).isEqualTo(Set.of("https://www.example.com"));
        assertThat(config.trackingPaths()).isEqualTo(List.of(TrackingPath.of("/collect/**", "analytics")));
    }

    @Test
    void invalidSettingsAreRefusedByName() {
        assertThatThrownBy(() -> SamtykkeConfig.builder().cookieName("bad name").build()).hasMessageContaining("cookieName");
        assertThatThrownBy(() -> SamtykkeConfig.builder().cookieDomain("exa mple.com").build()).hasMessageContaining("cookieDomain");
        assertThatThrownBy(() -> SamtykkeConfig.builder().basePath("consent/").build()).hasMessageContaining("basePath");
        assertThatThrownBy(() -> SamtykkeConfig.builder().basePath("/consent/").build()).hasMessageContaining("basePath");
        assertThatThrownBy(() -> SamtykkeConfig.builder().maxBodyBytes(10).build()).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> SamtykkeConfig.builder().decisionsPerMinute(-1).build()).hasMessageContaining("decisionsPerMinute");
        assertThatThrownBy(() -> SamtykkeConfig.builder().decisionsPerMinute(60_001).build()).hasMessageContaining("decisionsPerMinute");
        assertThatThrownBy(() -> SamtykkeConfig.builder().trustedOrigin("www.example.com").build()).hasMessageContaining("trusted origin");
        assertThatThrownBy(() -> SamtykkeConfig.builder().trackingPath("collect", "analytics")).hasMessageContaining("start with '/'");
        assertThatThrownBy(() -> SamtykkeConfig.builder().trackingPath("/collect")).hasMessageContaining("names no purpose");
    }

    @Test
    void aDomainTurnsTheAutomaticNameToThePlainOne() {
        SamtykkeConfig config = SamtykkeConfig.builder().cookieDomain("example.com").build();

        assertThat(config.cookieNameFor(true)).isEqualTo("consent");
        assertThat(config.legacyCookieNameFor(true)).isNull();
    }

    @Test
    void aConfiguredNameIsUsedAsGivenOnEveryRequest() {
        SamtykkeConfig config = SamtykkeConfig.builder().cookieName("cc").build();

        assertThat(config.cookieNameFor(true)).isEqualTo("cc");
        assertThat(config.cookieNameFor(false)).isEqualTo("cc");
        assertThat(config.legacyCookieNameFor(true)).isNull();
        assertThat(config.isConsentCookieName("consent")).isFalse();
        assertThat(SamtykkeConfig.ofDefaults().isConsentCookieName("__Host-consent")).isTrue();
    }

    @Test
    void aHostPrefixedNameWithADomainIsAConfigurationError() {
        assertThatThrownBy(() -> SamtykkeConfig.builder().cookieName("__Host-consent").cookieDomain("example.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cookieName '__Host-consent' cannot be used with cookieDomain 'example.com'")
                .hasMessageContaining("without a Domain");
        assertThatThrownBy(() -> SamtykkeConfig.builder().cookieName("__host-c").cookieDomain("example.com").build())
                .as("browsers match the prefix in any case").isInstanceOf(IllegalArgumentException.class);
        assertThat(SamtykkeConfig.builder().cookieName("__Host-c").build().cookieNameFor(false)).isEqualTo("__Host-c");
        assertThat(SamtykkeConfig.requiresSecure("__Secure-c")).isTrue();
        assertThat(SamtykkeConfig.requiresSecure("consent")).isFalse();
    }

    @Test
    void trackingPathWithAPurposeThePolicyLacksFailsTheBuild() {
        SamtykkeConfig config = SamtykkeConfig.builder().trackingPath("/collect/**", "analytic").build();

        assertThatThrownBy(() -> Samtykke.builder().policy(TestSite.POLICY).keys(TestSite.KEYS).config(config).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/collect/** -> analytic");
    }

    @Test
    void policyAndKeysAreRequired() {
        assertThatThrownBy(() -> Samtykke.builder().keys(TestSite.KEYS).build()).hasMessageContaining("policy is required");
        assertThatThrownBy(() -> Samtykke.builder().policy(TestSite.POLICY).build()).hasMessageContaining("keys are required");
    }
}
