package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyLoaderSmokeTest {

    static final String MINIMAL = """
            {
              "id": "shop", "version": "1.0", "defaultLocale": "en", "locales": ["en"],
              "controller": {"name": "Shop Ltd", "supervisoryAuthority": {"name": "ICO"}},
              "categories": [{"id": "necessary", "title": "Necessary"}, {"id": "analytics", "title": "Analytics"}],
              "dataCategories": [{"id": "device", "title": "Device data"}],
              "purposes": [
                {"id": "stats", "category": "analytics", "legalBasis": "consent", "title": "Statistics",
                 "description": "Counting visits", "dataCategories": ["device"], "retention": "P13M", "gpcOptOut": true}
              ],
              "services": [
                {"id": "ga", "name": "Google Analytics", "provider": {"name": "Google"}, "purposes": ["stats"],
                 "cookies": [{"name": "_ga", "party": "first", "duration": "P2Y"}, {"name": "_ga_*", "party": "first", "duration": "P2Y"}],
                 "consentModeTypes": ["analytics_storage"]}
              ]
            }
            """;

    @Test
    void loadsMinimalPolicyAndFindsPatternCookie() {
        ConsentPolicy policy = PolicyLoader.fromString(MINIMAL, PolicyLoader.Format.JSON, "minimal.json");

        assertThat(policy.version()).isEqualTo(new PolicyVersion(1, 0));
        assertThat(policy.consentPurposes()).extracting(Purpose::id).containsExactly("stats");
        assertThat(policy.cookie("_ga_ABC123")).get().extracting(m -> m.service().id()).isEqualTo("ga");
        assertThat(policy.cookie("_gat")).isEmpty();
        assertThat(policy.consentLifetime()).isEqualTo(ConsentPolicy.DEFAULT_CONSENT_LIFETIME);
    }

    @Test
    void reportsUnknownCategoryWithItsPath() {
        String broken = MINIMAL.replace("\"category\": \"analytics\"", "\"category\": \"analytic\"");

        assertThatThrownBy(() -> PolicyLoader.fromString(broken, PolicyLoader.Format.JSON, "broken.json"))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("broken.json")
                .hasMessageContaining("purposes[0].category: unknown category 'analytic'");
    }
}
