package dev.samtykke.core.diff;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.CookieParty;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.PolicyVersion;
import dev.samtykke.core.policy.Service;
import dev.samtykke.core.policy.TimeSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.samtykke.core.diff.PolicyEdits.purpose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDiffTest {

    private static ConsentPolicy versioned(String version, boolean majorChange, boolean minorChange) {
        return PolicyEdits.edited(t -> {
            t.put("version", version);
            if (majorChange) {
                purpose(t, "analytics").put("retention", "P26M");
            }
            if (minorChange) {
                purpose(t, "analytics").set("description", PolicyEdits.texts("Ny tekst.", "New text."));
            }
        });
    }

    @ParameterizedTest(name = "{0} change, 1.0 -> {1}: sufficient = {2}")
    @CsvSource({
            "NONE, 1.0, true",
            "NONE, 1.1, true",
            "NONE, 2.0, true",
            "NONE, 0.9, false",
            "MINOR, 1.0, false",
            "MINOR, 1.1, true",
            "MINOR, 1.5, true",
            "MINOR, 2.0, true",
            "MINOR, 0.9, false",
            "MAJOR, 1.0, false",
            "MAJOR, 1.1, false",
            "MAJOR, 1.9, false",
            "MAJOR, 2.0, true",
            "MAJOR, 3.0, true",
    })
    void checksTheVersionBump(ChangeLevel change, String newVersion, boolean sufficient) {
        ConsentPolicy base = PolicyEdits.base();
        ConsentPolicy next = versioned(newVersion, change == ChangeLevel.MAJOR, change == ChangeLevel.MINOR);

        PolicyDiff diff = PolicyDiff.between(base, next);

        assertThat(diff.level()).isEqualTo(change);
        assertThat(diff.hasChanges()).isEqualTo(change != ChangeLevel.NONE);
        assertThat(diff.isBumpSufficient()).as(diff.versionCheckMessage()).isEqualTo(sufficient);
        assertThat(diff.oldVersion()).isEqualTo(new PolicyVersion(1, 0));
        assertThat(diff.newVersion()).isEqualTo(PolicyVersion.parse(newVersion));
    }

    @Test
    void requiresTheNextVersionOfTheLevel() {
        ConsentPolicy base = PolicyEdits.base();

        assertThat(PolicyDiff.between(base, versioned("1.0", false, false)).requiredVersion()).isEqualTo(new PolicyVersion(1, 0));
        assertThat(PolicyDiff.between(base, versioned("1.0", false, true)).requiredVersion()).isEqualTo(new PolicyVersion(1, 1));
        assertThat(PolicyDiff.between(base, versioned("1.0", true, true)).requiredVersion()).isEqualTo(new PolicyVersion(2, 0));
    }

    @Test
    void failsWithTheRequiredVersionWhenTheBumpIsTooSmall() {
        PolicyDiff diff = PolicyDiff.between(PolicyEdits.base(), versioned("1.1", true, true));

        assertThatThrownBy(diff::requireSufficientBump)
                .isInstanceOf(VersionBumpException.class)
                .hasMessage("MAJOR change: needs version 2.0 or later, found 1.1")
                .satisfies(e -> assertThat(((VersionBumpException) e).diff()).isSameAs(diff));
        assertThat(diff.differences(ChangeLevel.MAJOR)).extracting(PolicyDifference::rule)
                .containsExactly(DiffRule.CONSENT_RETENTION_LENGTHENED);
        assertThat(diff.differences(ChangeLevel.MINOR)).extracting(PolicyDifference::path)
                .containsExactly("purposes[analytics].description");
    }

    @Test
    void acceptsASufficientBump() {
        PolicyDiff diff = PolicyDiff.between(PolicyEdits.base(), versioned("2.0", true, false));

        assertThat(diff.requireSufficientBump()).isSameAs(diff);
        assertThat(diff.versionCheckMessage()).isEqualTo("MAJOR change: version 2.0 is fine (needs 2.0 or later)");
    }

    @Test
    void saysWhenTheVersionGoesDown() {
        PolicyDiff diff = PolicyDiff.between(PolicyEdits.base(), versioned("0.9", false, false));

        assertThat(diff.versionCheckMessage()).isEqualTo("version went down from 1.0 to 0.9");
    }

    @Test
    void reportsEachDifferenceWithPathRuleAndLevel() {
        PolicyDiff diff = PolicyDiff.between(PolicyEdits.base(), versioned("2.0", true, true));

        assertThat(diff.differences()).extracting(PolicyDifference::toString).containsExactly(
                "MINOR purposes[analytics].description [text-changed] text changed (nb, en)",
                "MAJOR purposes[analytics].retention [consent-retention-lengthened] retention of purpose 'analytics' lengthened"
                        + " from P13M to P26M: earlier grants would keep data longer than agreed");
    }

    @Test
    void findsNoDifferenceBetweenThePolicyAndItself() {
        ConsentPolicy jackon = PolicyLoader.fromClasspath("policies/jackon.json");

        PolicyDiff diff = PolicyDiff.between(jackon, PolicyLoader.fromClasspath("policies/jackon.json"));

        assertThat(diff.differences()).isEmpty();
        assertThat(diff.level()).isEqualTo(ChangeLevel.NONE);
        assertThat(diff.isBumpSufficient()).isTrue();
    }

    @Test
    void findsNoDifferenceBetweenTheJsonAndYamlFormsOfTheReferencePolicy() {
        PolicyDiff diff = PolicyDiff.between(PolicyLoader.fromClasspath("policies/jackon.json"),
                PolicyLoader.fromClasspath("policies/jackon.yaml"));

        assertThat(diff.differences()).isEmpty();
    }

    @Test
    void addingAnAnalyticsCookieToTheReferencePolicyIsMajor() {
        ConsentPolicy jackon = PolicyLoader.fromClasspath("policies/jackon.json");
        Service ga = jackon.service("google-analytics").orElseThrow();
        List<CookieDeclaration> cookies = new ArrayList<>(ga.cookies());
        cookies.add(new CookieDeclaration("_gid", CookieParty.FIRST, TimeSpan.parse("P1D"), null, null));
        List<Service> services = jackon.services().stream().map(s -> s != ga ? s : new Service(ga.id(), ga.name(),
                ga.provider(), ga.description(), ga.purposes(), cookies, ga.consentModeTypes(), ga.illustrative(), ga.hosts())).toList();
        ConsentPolicy next = jackon.toBuilder().version("1.1").services(services).build();

        PolicyDiff diff = PolicyDiff.between(jackon, next);

        assertThat(diff.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("services[google-analytics].cookies[_gid]");
            assertThat(d.rule()).isEqualTo(DiffRule.CONSENT_COOKIE_ADDED);
        });
        assertThat(diff.isBumpSufficient()).isFalse();
        assertThat(PolicyDiff.between(next, jackon.toBuilder().version("1.2").build()).level()).isEqualTo(ChangeLevel.MINOR);
    }
}
