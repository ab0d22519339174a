package dev.samtykke.core.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Resolving a concrete cookie name to its declaration, service and purposes. */
class CookieIndexTest {

    private static final ConsentPolicy JACKON = PolicyLoader.fromClasspath("policies/jackon.json");

    @Test
    void findsGa4SessionCookieThroughItsPattern() {
        CookieMatch match = JACKON.cookie("_ga_ABC123").orElseThrow();

        assertThat(match.declaration().name()).isEqualTo("_ga_*");
        assertThat(match.declaration().isPattern()).isTrue();
        assertThat(match.service().id()).isEqualTo("google-analytics");
        assertThat(match.purposes()).containsExactly("analytics");
    }

    @Test
    void findsExactNamesAndNothingElse() {
        assertThat(JACKON.cookie("_ga").orElseThrow().declaration().name()).isEqualTo("_ga");
        assertThat(JACKON.cookie("_fbp").orElseThrow().service().id()).isEqualTo("meta-pixel");
        assertThat(JACKON.cookie("JSESSIONID").orElseThrow().purposes()).containsExactly("requested-content", "security");
        assertThat(JACKON.cookie("consent").orElseThrow().service().id()).isEqualTo("consent");
        assertThat(JACKON.cookie("_ga_")).get().extracting(m -> m.declaration().name()).isEqualTo("_ga_*");
        assertThat(JACKON.cookie("_gat")).isEmpty();
        assertThat(JACKON.cookie("_g")).isEmpty();
        assertThat(JACKON.cookie("jsessionid")).isEmpty();
        assertThat(JACKON.cookie("")).isEmpty();
        assertThat(JACKON.cookies().find(null)).isNull();
    }

    @Test
    void exactDeclarationWinsOverPatternAndLongestPrefixWins() {
        // Overlaps like these are rejected by validation across services; the index must still be deterministic.
        ConsentPolicy policy = policyWithCookies(Map.of(
                "broad", List.of("_ga*"),
                "narrow", List.of("_ga_*"),
                "exact", List.of("_ga_EXACT")));

        assertThat(policy.cookie("_ga_EXACT").orElseThrow().service().id()).isEqualTo("exact");
        assertThat(policy.cookie("_ga_OTHER").orElseThrow().service().id()).isEqualTo("narrow");
        assertThat(policy.cookie("_gax").orElseThrow().service().id()).isEqualTo("broad");
        assertThat(policy.cookie("_ga").orElseThrow().service().id()).isEqualTo("broad");
        assertThat(policy.cookie("_g")).isEmpty();
    }

    @Test
    void declarationMatchesByExactNameOrPrefix() {
        CookieDeclaration pattern = new CookieDeclaration("_ga_*", CookieParty.FIRST, TimeSpan.parse("P2Y"), null, null);
        CookieDeclaration exact = new CookieDeclaration("_ga", CookieParty.FIRST, TimeSpan.parse("P2Y"), null, null);

        assertThat(pattern.prefix()).isEqualTo("_ga_");
        assertThat(pattern.matches("_ga_XYZ")).isTrue();
        assertThat(pattern.matches("_ga")).isFalse();
        assertThat(exact.isPattern()).isFalse();
        assertThat(exact.prefix()).isEqualTo("_ga");
        assertThat(exact.matches("_ga")).isTrue();
        assertThat(exact.matches("_ga_XYZ")).isFalse();
        assertThat(exact.description()).isEqualTo(LocalizedText.EMPTY);
    }

    private static ConsentPolicy policyWithCookies(Map<String, List<String>> cookiesByService) {
        ConsentPolicy.Builder b = JACKON.toBuilder().services(List.of());
        cookiesByService.forEach((id, names) -> b.addService(new Service(id, id, new Provider("P", null, null), null,
                List.of("analytics"), names.stream().map(n -> new CookieDeclaration(n, CookieParty.FIRST,
                TimeSpan.parse("P1D"), null, null)).toList(), Set.of(), false)));
        return b.buildUnchecked();
    }

    @Test
    void policyLooksUpByIdAndGroups() {
        assertThat(JACKON.purpose("analytics")).get().extracting(Purpose::legalBasis).isEqualTo(LegalBasis.CONSENT);
        assertThat(JACKON.purpose("nope")).isEmpty();
        assertThat(JACKON.category("necessary")).get().extracting(Category::isNecessary).isEqualTo(true);
        assertThat(JACKON.service("meta-pixel")).get().extracting(Service::name).isEqualTo("Meta Pixel");
        assertThat(JACKON.dataCategory("email")).get().extracting(d -> d.title().get(Locale.ENGLISH)).isEqualTo("E-mail address");
        assertThat(JACKON.purposesIn("necessary")).extracting(Purpose::id)
                .containsExactly("requested-content", "security", "legal-obligations");
        assertThat(JACKON.servicesFor("security")).extracting(Service::id).containsExactly("jackon-web");
    }
}
