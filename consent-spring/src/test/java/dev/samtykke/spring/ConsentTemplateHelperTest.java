package dev.samtykke.spring;

import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.policy.Banner;
import dev.samtykke.core.policy.ConsentModeDefaults;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.servlet.Samtykke;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentTemplateHelperTest {

    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");

    private static ConsentTemplateHelper helper(ConsentPolicy policy) {
        return new ConsentTemplateHelper(Samtykke.builder().policy(policy).keys(KeyRing.development()).build());
    }

    @Test
    void theConsentModeDefaultIsThePolicys() {
        Banner banner = JACKON.banner();
        ConsentPolicy regional = JACKON.toBuilder().banner(new Banner(banner.title(), banner.text(), banner.labels(),
                new ConsentModeDefaults(1500, List.of("NO", "SE")))).build();

        assertThat(helper(JACKON).consentModeDefaultJson()).endsWith("\"wait_for_update\":500}");
        assertThat(helper(regional).consentModeDefaultJson())
                .contains("\"analytics_storage\":\"denied\"")
                .endsWith("\"wait_for_update\":1500,\"region\":[\"NO\",\"SE\"]}");
    }
}
