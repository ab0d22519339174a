package dev.samtykke.core.cookie;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.TestPolicies;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.Provider;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoded size of real decisions: well under 1 KB (a browser keeps about 4 KB per cookie). */
class ConsentCookieSizeTest {

    private static int size(ConsentPolicy policy) {
        ConsentEvaluator evaluator = new ConsentEvaluator(policy, TestPolicies.clockAt(TestPolicies.NOW));
        ConsentCookieCodec codec = new ConsentCookieCodec(Signing.ring1(), policy, TestPolicies.clockAt(TestPolicies.NOW));
        String value = codec.encode(evaluator.acceptAll(ConsentEvaluator.newSubjectId()));
        System.out.printf("consent cookie for policy '%s' (%d consent-based purposes, %d decision keys): %d characters%n",
                policy.id(), policy.consentPurposes().size(), policy.decisionKeys().size(), value.length());
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
    void referencePolicyAskingPerServiceCookieIsSmall() {
        ConsentPolicy jackon = PolicyLoader.fromClasspath("policies/jackon.json");
        ConsentPolicy perService = jackon.toBuilder().purposes(jackon.purposes().stream().map(p -> p.requiresConsent()
                ? new Purpose(p.id(), p.category(), p.legalBasis(), p.title(), p.description(), p.dataCategories(),
                        p.channels(), p.retention(), p.gpcOptOut(), p.objectable(), true) : p).toList()).build();

        assertThat(perService.decisionKeys()).hasSize(jackon.decisionKeys().size() + 2);
        assertThat(size(perService)).isLessThan(200);
    }

    /** Twenty services under four consent-based purposes that each ask per service: 24 grants in the cookie. */
    @Test
    void twentyServicePolicyAskingPerServiceCookieIsWellUnderOneKilobyte() {
        ConsentPolicy base = TestPolicies.generated(4, new SplittableRandom(4));
        List<Purpose> purposes = base.purposes().stream().map(p -> p.requiresConsent()
                ? new Purpose(p.id(), p.category(), p.legalBasis(), p.title(), p.description(), p.dataCategories(),
                        p.channels(), p.retention(), p.gpcOptOut(), p.objectable(), true) : p).toList();
        List<String> consent = base.consentPurposes().stream().map(Purpose::id).toList();
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            services.add(new Service("vendor-service-" + i, "Vendor " + i, new Provider("Vendor " + i + " Ltd", null, null),
                    null, List.of(consent.get(i % consent.size())), null, null, false, null));
        }
        ConsentPolicy twenty = base.toBuilder().purposes(purposes).services(services).build();

        assertThat(twenty.decisionKeys()).hasSize(24);
        assertThat(size(twenty)).isLessThan(1024).isLessThan(300);
    }

    @Test
    void twentyPurposePolicyCookieIsWellUnderOneKilobyte() {
        ConsentPolicy twenty = TestPolicies.generated(20, new SplittableRandom(20));

        assertThat(twenty.consentPurposes()).hasSize(20);
        assertThat(size(twenty)).isLessThan(1024).isLessThan(300);
    }
}
