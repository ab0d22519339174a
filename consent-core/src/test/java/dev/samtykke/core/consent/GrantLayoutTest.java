package dev.samtykke.core.consent;

import dev.samtykke.core.internal.GrantLayout;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantLayoutTest {

    private final GrantLayout layout = GrantLayout.of(List.of("stats", "ads", "language", "retargeting"));

    @Test
    void sortsItsIdsAndNamesEachOnesBit() {
        assertThat(layout.purposeIds()).containsExactly("ads", "language", "retargeting", "stats");
        assertThat(layout.bitOf("ads")).isZero();
        assertThat(layout.bitOf("stats")).isEqualTo(3);
        assertThat(layout.bitOf("unknown")).isEqualTo(-1);
        assertThat(layout.bitOf(null)).isEqualTo(-1);
    }

    @Test
    void grantsAreAnImmutableMapOfTheCoveredPurposesInIdOrder() {
        // covered: ads, language, stats; granted: language, stats, and retargeting (not covered, ignored)
        Map<String, Boolean> grants = layout.grants(0b1011, 0b1110);

        Map<String, Boolean> expected = Map.of("ads", false, "language", true, "stats", true);
        assertThat(grants).isEqualTo(expected).isEqualTo(new TreeMap<>(expected)).hasSize(3);
        assertThat(grants.hashCode()).isEqualTo(expected.hashCode());
        assertThat(grants).hasToString("{ads=false, language=true, stats=true}");
        assertThat(grants.get("retargeting")).isNull();
        assertThat(grants.containsKey("retargeting")).isFalse();
        assertThat(grants.get(7)).isNull();
        assertThatThrownBy(() -> grants.put("x", true)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> grants.entrySet().iterator().next().setValue(true))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void smallLayoutsShareEachMapAndLargeOnesStillAnswer() {
        assertThat(layout.grants(0b1011, 0b1110)).isSameAs(layout.grants(0b1011, 0b0010 | 0b1000 | 0b0100));
        assertThat(layout.grants(0b1011, 0b1110)).isNotSameAs(layout.grants(0b1011, 0b0110));

        GrantLayout seven = GrantLayout.of(IntStream.range(0, 7).mapToObj(i -> "p" + i).toList());
        assertThat(seven.grants(0b1111111, 0b1010101)).isEqualTo(seven.grants(0b1111111, 0b1010101))
                .containsEntry("p0", true).containsEntry("p1", false).hasSize(7);
    }

    @Test
    void bitsBeyondTheLayoutAreIgnored() {
        assertThat(layout.grants(-1L, -1L)).hasSize(4).containsValues(true).doesNotContainValue(false);
        assertThat(layout.grants(0, -1L)).isEmpty();
    }

    @Test
    void holdsUpTo64PurposesAndRefusesMoreOrRepeatedIds() {
        List<String> ids = IntStream.range(0, 64).mapToObj(i -> "p" + i).toList();
        GrantLayout full = GrantLayout.of(ids);
        Map<String, Boolean> all = full.grants(-1L, 1L << 63);
        assertThat(all).hasSize(64);
        assertThat(all.get(full.purposeIds().get(63))).isTrue();
        assertThat(all.values().stream().filter(Boolean::booleanValue).count()).isOne();

        List<String> tooMany = new ArrayList<>(ids);
        tooMany.add("p64");
        assertThatThrownBy(() -> GrantLayout.of(tooMany)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
        assertThatThrownBy(() -> GrantLayout.of(List.of("a", "b", "a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void aDecisionKeepsTheMapAsItIs() {
        Map<String, Boolean> grants = layout.grants(0b11, 0b01);
        ConsentDecision decision = new ConsentDecision("s", "shop", dev.samtykke.core.policy.PolicyVersion.parse("1.0"),
                grants, ConsentMethod.CUSTOM, Instant.EPOCH, Instant.EPOCH.plusSeconds(1));

        assertThat(decision.grants()).isSameAs(grants);
        assertThat(decision).isEqualTo(new ConsentDecision("s", "shop", decision.policyVersion(),
                Map.of("ads", true, "language", false), ConsentMethod.CUSTOM, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
    }

    /**
     * The evaluator reads bit grants without looking ids up: for random policies, coverage, layouts with
     * purposes missing and extra, and GPC, its answer equals the answer for the same grants as a plain map.
     */
    @Test
    void theEvaluatorAnswersBitGrantsAsItAnswersTheSameMap() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int round = 0; round < 300; round++) {
            ConsentPolicy policy = TestPolicies.generated(1 + random.nextInt(64), random);
            ConsentEvaluator evaluator = new ConsentEvaluator(policy, TestPolicies.clockAt(TestPolicies.NOW));
            // Two layouts in turn on one evaluator, so that it must notice the change of layout.
            GrantLayout first = randomLayout(policy, random, round);
            GrantLayout second = randomLayout(policy, random, round);
            for (GrantLayout l : List.of(first, second, first)) {
                Map<String, Boolean> bits = l.grants(random.nextLong(), random.nextLong());
                Map<String, Boolean> plain = new HashMap<>(bits);
                boolean gpc = random.nextBoolean();

                ConsentState fromBits = evaluator.evaluate(decision(policy, bits), gpc);
                ConsentState fromMap = evaluator.evaluate(decision(policy, plain), gpc);

                assertThat(fromBits.granted()).as("round %d, %d purposes", round, policy.consentPurposes().size())
                        .isEqualTo(fromMap.granted());
                assertThat(fromBits.denied()).isEqualTo(fromMap.denied());
                assertThat(fromBits.needsPrompt()).isEqualTo(fromMap.needsPrompt());
            }
        }
    }

    /** Most of the policy's consent-based purposes, and, room permitting, one it no longer declares. */
    private static GrantLayout randomLayout(ConsentPolicy policy, SplittableRandom random, int round) {
        List<String> ids = new ArrayList<>();
        for (Purpose purpose : policy.consentPurposes()) {
            if (random.nextInt(8) != 0) {
                ids.add(purpose.id());
            }
        }
        if (ids.size() < GrantLayout.MAX_PURPOSES) {
            ids.add("gone-" + round);
        }
        return GrantLayout.of(ids);
    }

    private static ConsentDecision decision(ConsentPolicy policy, Map<String, Boolean> grants) {
        return new ConsentDecision("s", policy.id(), policy.version(), grants, ConsentMethod.CUSTOM,
                TestPolicies.NOW.minusSeconds(60), TestPolicies.NOW.plusSeconds(3600));
    }
}
