package dev.samtykke.core.cookie;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.TestPolicies;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoded size of real decisions: well under 1 KB (a browser keeps about 4 KB per cookie). */
class ConsentCookieSizeTest {

    private static int size(ConsentPolicy policy) {
        ConsentEvaluator evaluator = new ConsentEvaluator(policy, TestPolicies.clockAt(TestPolicies.NOW));
        ConsentCookieCodec codec = new ConsentCookieCodec(Signing.ring1(), policy, TestPolicies.clockAt(TestPolicies.NOW));
        String value = codec.encode(evaluator.acceptAll(ConsentEvaluator.newSubjectId()));
        System.out.printf("consent cookie for policy '%s' (%d consent-based purposes): %d characters%n", policy.id(),
                policy.consentPurposes().size(), value.length());
        return value.length();
    }

    @Test
    void referencePolicyCookieIsSmall() {
        assertThat(size(PolicyLoader.fromClasspath("policies/jackon.json"))).isLessThan(200);
    }

    @Test
    void shopPolicyCookieIsSmall() {
        assertThat(size(TestPolicies.shop())).isLessThan(200);
    }

    @Test
    void twentyPurposePolicyCookieIsWellUnderOneKilobyte() {
        ConsentPolicy twenty = TestPolicies.generated(20, new SplittableRandom(20));

        assertThat(twenty.consentPurposes()).hasSize(20);
        assertThat(size(twenty)).isLessThan(1024).isLessThan(300);
    }
}
