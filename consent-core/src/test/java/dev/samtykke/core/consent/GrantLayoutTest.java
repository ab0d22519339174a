package dev.samtykke.core.consent;

import dev.samtykke.core.internal.GrantBits;
import dev.samtykke.core.internal.GrantLayout;
import dev.samtykke.core.internal.Grants;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void takesMasksOfOneLongUpTo64PurposesAndRefusesRepeatedIds() {
        List<String> ids = IntStream.range(0, 64).mapToObj(i -> "p" + i).toList();
        GrantLayout full = GrantLayout.of(ids);
        Map<String, Boolean> all = full.grants(-1L, 1L << 63);
        assertThat(all).hasSize(64);
        assertThat(all.get(full.purposeIds().get(63))).isTrue();
        assertThat(all.values().stream().filter(Boolean::booleanValue).count()).isOne();

        List<String> more = new ArrayList<>(ids);
        more.add("p64");
        GrantLayout wide = GrantLayout.of(more);
        assertThat(wide.size()).isEqualTo(65);
        assertThatThrownBy(() -> wide.grants(-1L, -1L)).isInstanceOf(IllegalStateException.class).hasMessageContaining("GrantBits");
        assertThatThrownBy(() -> GrantLayout.of(List.of("a", "b", "a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void layoutsOfMoreThan64PurposesTakeGrantBits() {
        List<String> ids = IntStream.range(0, 150).mapToObj(i -> String.format("p%03d", i)).toList();
        GrantLayout wide = GrantLayout.of(ids);
        GrantBits bits = new GrantBits(wide.size());
        Map<String, Boolean> expected = new TreeMap<>();
        for (int bit = 0; bit < 150; bit += 7) {
            bits.set(bit, true);
            bits.set(bit, bit % 2 == 0); // the later call wins
            expected.put(ids.get(bit), bit % 2 == 0);
        }

        Grants grants = wide.grants(bits);
        bits.clear(); // the bits are the caller's again; the grants keep their own
        assertThat(grants).isEqualTo(expected).hasSize(expected.size());
        assertThat(grants.keySet()).containsExactlyElementsOf(expected.keySet());
        assertThat(grants.covers(147)).isTrue();
        assertThat(grants.grants(147)).isFalse();
        assertThat(grants.grants(140)).isTrue();
        assertThat(grants.covers(149)).isFalse();
        assertThat(grants.covers(-1)).isFalse();
        assertThat(wide.grants(bits)).isEmpty();
    }

    @Test
    void theSameIdsGiveTheSameLayout() {
        assertThat(GrantLayout.of(List.of("retargeting", "stats", "ads", "language"))).isSameAs(layout);
        assertThat(Grants.of(Map.of("ads", true, "stats", false, "language", true, "retargeting", false)).layout())
                .isSameAs(layout);
    }

    @Test
    void aDecisionKeepsGrantsAsTheyAreAndTurnsOtherMapsIntoGrants() {
        Map<String, Boolean> grants = layout.grants(0b11, 0b01);
        ConsentDecision decision = new ConsentDecision("s", "shop", dev.samtykke.core.policy.PolicyVersion.parse("1.0"),
                grants, ConsentMethod.CUSTOM, Instant.EPOCH, Instant.EPOCH.plusSeconds(1));

        assertThat(decision.grants()).isSameAs(grants);
        assertThat(new ConsentDecision("s", "shop", decision.policyVersion(), new HashMap<>(grants), ConsentMethod.CUSTOM,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(1)).grants()).isInstanceOf(Grants.class).isEqualTo(grants);
        assertThat(decision).isEqualTo(new ConsentDecision("s", "shop", decision.policyVersion(),
                Map.of("ads", true, "language", false), ConsentMethod.CUSTOM, Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
    }

    /**
     * The evaluator reads grants by bit, with each purpose's bit looked up once per layout: for random
     * policies (some of more than 64 purposes), coverage, layouts with purposes missing and extra, and GPC,
     * its answer equals the rules applied to the same grants as a plain map.
     */
    @Test
    void theEvaluatorAnswersBitGrantsAsTheRulesAnswerTheSameMap() {
        long seed = 2026;
        System.out.println("GrantLayoutTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 300; round++) {
            ConsentPolicy policy = TestPolicies.generated(1 + random.nextInt(round % 10 == 0 ? 100 : 64), random);
            ConsentEvaluator evaluator = new ConsentEvaluator(policy, TestPolicies.clockAt(TestPolicies.NOW));
            // Two layouts in turn on one evaluator, so that it must notice the change of layout.
            GrantLayout first = randomLayout(policy, random, round);
            GrantLayout second = randomLayout(policy, random, round);
            for (GrantLayout l : List.of(first, second, first)) {
                GrantBits bits = new GrantBits(l.size());
                for (int bit = 0; bit < l.size(); bit++) {
                    if (random.nextBoolean()) {
                        bits.set(bit, random.nextBoolean());
                    }
                }
                Grants grants = l.grants(bits);
                Map<String, Boolean> plain = new HashMap<>(grants);
                boolean gpc = random.nextBoolean();

                ConsentState state = evaluator.evaluate(decision(policy, grants), gpc);

                Set<String> granted = new HashSet<>();
                boolean prompt = false;
                for (Purpose purpose : policy.purposes()) {
                    Boolean grant = plain.get(purpose.id());
                    if (gpc && purpose.gpcOptOut()) {
                        continue;
                    }
                    if (!purpose.requiresConsent() || Boolean.TRUE.equals(grant)) {
                        granted.add(purpose.id());
                    }
                    prompt |= purpose.requiresConsent() && grant == null;
                }
                assertThat(state.granted()).as("round %d, %d purposes", round, policy.consentPurposes().size())
                        .isEqualTo(granted);
                assertThat(state.needsPrompt()).isEqualTo(prompt);
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
        ids.add("gone-" + round);
        return GrantLayout.of(ids);
    }

    private static ConsentDecision decision(ConsentPolicy policy, Map<String, Boolean> grants) {
        return new ConsentDecision("s", policy.id(), policy.version(), grants, ConsentMethod.CUSTOM,
                TestPolicies.NOW.minusSeconds(60), TestPolicies.NOW.plusSeconds(3600));
    }
}
