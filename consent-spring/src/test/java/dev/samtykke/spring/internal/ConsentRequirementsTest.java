package dev.samtykke.spring.internal;

import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.spring.RequiresConsent;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentRequirementsTest {

    private static final ConsentPolicy POLICY = PolicyLoader.fromClasspath("policies/jackon.json");

    static class Gated {
        @RequiresConsent("analytics")
        public void analytics() {
        }

        @RequiresConsent({})
        public void nothingNamed() {
        }

        @RequiresConsent(value = "marketing", service = "meta-pixel")
        public void pixel() {
        }
    }

    private static RequiresConsent on(String method) throws Exception {
        return new ConsentRequirements().find(Gated.class.getMethod(method), Gated.class).orElseThrow();
    }

    @Test
    void grantsOnlyWithAStateThatAllowsEveryNamedPurpose() throws Exception {
        ConsentEvaluator evaluator = new ConsentEvaluator(POLICY, Clock.systemUTC());
        ConsentState all = evaluator.evaluate(evaluator.acceptAll("subject"), false);
        ConsentState none = evaluator.evaluate(evaluator.rejectAll("subject"), false);

        assertThat(ConsentRequirements.isGranted(on("analytics"), all)).isTrue();
        assertThat(ConsentRequirements.isGranted(on("analytics"), none)).isFalse();
        assertThat(ConsentRequirements.isGranted(on("analytics"), null)).as("outside a request").isFalse();
        assertThat(ConsentRequirements.isGranted(on("nothingNamed"), all)).as("an annotation naming nothing").isFalse();
    }

    @Test
    void aNamedServiceMustBeAllowedTooWhereThePolicyAsksPerService() throws Exception {
        ConsentPolicy perService = POLICY.toBuilder().purposes(POLICY.purposes().stream().map(p -> p.requiresConsent()
                ? new dev.samtykke.core.policy.Purpose(p.id(), p.category(), p.legalBasis(), p.title(), p.description(),
                        p.dataCategories(), p.channels(), p.retention(), p.gpcOptOut(), p.objectable(), true) : p).toList()).build();
        ConsentEvaluator evaluator = new ConsentEvaluator(perService, Clock.systemUTC());
        ConsentState pixelRefused = evaluator.evaluate(evaluator.decide("subject",
                dev.samtykke.core.consent.ConsentMethod.CUSTOM, java.util.Map.of("marketing", true, "marketing/meta-pixel", false)), false);
        ConsentState all = evaluator.evaluate(evaluator.acceptAll("subject"), false);

        assertThat(pixelRefused.allows("marketing")).isTrue();
        assertThat(ConsentRequirements.isGranted(on("pixel"), pixelRefused)).isFalse();
        assertThat(ConsentRequirements.isGranted(on("pixel"), all)).isTrue();
    }
}
