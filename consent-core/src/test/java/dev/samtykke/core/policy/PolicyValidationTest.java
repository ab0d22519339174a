package dev.samtykke.core.policy;

import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.samtykke.core.policy.PolicyFixtures.at;
import static dev.samtykke.core.policy.PolicyFixtures.jackon;
import static dev.samtykke.core.policy.PolicyFixtures.jackonWith;
import static dev.samtykke.core.policy.PolicyFixtures.listAt;
import static dev.samtykke.core.policy.PolicyFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every validation rule of a policy file, each reported once with the path of the offending value. */
class PolicyValidationTest {

    private static final String PURPOSES = "(known: requested-content, analytics, marketing, sales-contact, security, legal-obligations)";

    @Test
    void referencePolicyHasNoProblems() {
        assertThat(problems(jackon())).isEmpty();
    }

    // --- duplicate ids ------------------------------------------------------------------------

    @Test
    void reportsDuplicateCategoryId() {
        ObjectNode doc = jackonWith(d -> listAt(d, "/categories").add(at(d, "/categories/0").deepCopy()));

        assertThat(problems(doc)).containsExactly("categories[3].id: duplicate category id 'necessary' (also categories[0])");
    }

    @Test
    void reportsDuplicatePurposeServiceDataCategoryAndProcessorIds() {
        ObjectNode doc = jackonWith(d -> {
            listAt(d, "/dataCategories").add(at(d, "/dataCategories/1").deepCopy());
            listAt(d, "/purposes").add(at(d, "/purposes/5").deepCopy());
            ObjectNode service = at(d, "/services/1").deepCopy().put("id", "jackon-web");
            service.remove("cookies");
            listAt(d, "/services").add(service);
            listAt(d, "/processors").add(at(d, "/processors/0").deepCopy());
        });

        assertThat(problems(doc)).containsExactly(
                "dataCategories[7].id: duplicate data category id 'email' (also dataCategories[1])",
                "purposes[6].id: duplicate purpose id 'legal-obligations' (also purposes[5])",
                "services[4].id: duplicate service id 'jackon-web' (also services[0])",
                "processors[1].id: duplicate processor id 'subcontractors' (also processors[0])");
    }

    @Test
    void reportsInvalidId() {
        ObjectNode doc = jackonWith(d -> at(d, "/channels/0").put("id", "-cookies"));
        at(doc, "/purposes/1").withArray("channels").set(0, "-cookies");

        assertThat(problems(doc)).contains(
                "channels[0].id: invalid collection channel id '-cookies': use letters, digits, '.', '_' or '-' (at most 64)");
    }

    // --- references ---------------------------------------------------------------------------

    @Test
    void reportsUnknownCategory() {
        ObjectNode doc = jackonWith(d -> at(d, "/purposes/1").put("category", "analytic"));

        assertThat(problems(doc)).containsExactly(
                "purposes[1].category: unknown category 'analytic' (known: necessary, analytics, marketing)");
    }

    @Test
    void reportsUnknownPurposeOfServiceAndProcessor() {
        ObjectNode doc = jackonWith(d -> {
            listAt(d, "/services/2/purposes").set(0, "analytix");
            at(d, "/processors/0").putArray("purposes").add("security").add("billing");
        });

        assertThat(problems(doc)).containsExactly(
                "services[2].purposes[0]: unknown purpose 'analytix' " + PURPOSES,
                "processors[0].purposes[1]: unknown purpose 'billing' " + PURPOSES);
    }

    @Test
    void reportsUnknownDataCategoryAndChannel() {
        ObjectNode doc = jackonWith(d -> {
            listAt(d, "/purposes/0/dataCategories").add("national-id");
            listAt(d, "/purposes/0/channels").add("telepathy");
        });

        assertThat(problems(doc)).containsExactly(
                "purposes[0].dataCategories[6]: unknown data category 'national-id' (known: contact-name, email, phone, "
                        + "postcode, company-name, company-address, device-usage)",
                "purposes[0].channels[1]: unknown collection channel 'telepathy' (known: cookies, forms)");
    }

    // --- texts per locale ---------------------------------------------------------------------

    @Test
    void reportsTitleAndDescriptionWithoutTextForALocale() {
        ObjectNode doc = jackonWith(d -> {
            at(d, "/purposes/2/title").remove("en");
            at(d, "/purposes/2/description").put("en", " ");
        });

        assertThat(problems(doc)).containsExactly(
                "purposes[2].title: no text for locale 'en'",
                "purposes[2].description: no text for locale 'en'");
    }

    @Test
    void reportsEveryTextMissingForANewlyDeclaredLocale() {
        ObjectNode doc = jackonWith(d -> listAt(d, "/locales").add("de"));

        List<String> problems = problems(doc);

        assertThat(problems).allMatch(p -> p.endsWith(": no text for locale 'de'"))
                .contains("title: no text for locale 'de'", "categories[0].title: no text for locale 'de'",
                        "purposes[0].title: no text for locale 'de'", "purposes[5].description: no text for locale 'de'",
                        "services[2].cookies[0].description: no text for locale 'de'",
                        "controller.supervisoryAuthority.name: no text for locale 'de'");
    }

    @Test
    void reportsTextForUndeclaredLocaleAndDefaultLocaleNotDeclared() {
        ObjectNode doc = jackonWith(d -> {
            at(d, "/categories/1/title").put("de", "Analyse");
            d.put("defaultLocale", "sv");
        });

        assertThat(problems(doc)).containsExactly(
                "defaultLocale: default locale 'sv' is not among the declared locales [nb, en]",
                "categories[1].title: text for locale 'de', which the policy does not declare [nb, en]");
    }

    @Test
    void reportsMissingRequiredTexts() {
        ObjectNode doc = jackonWith(d -> {
            at(d, "/purposes/0").remove("description");
            at(d, "/dataCategories/0").put("title", "");
        });

        // Structural problems (found while reading) come first, then those of meaning.
        assertThat(problems(doc)).containsExactly(
                "purposes[0].description: missing required field",
                "dataCategories[0].title: missing text");
    }

    // --- version, durations, periods ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1", "1.0.0", "v1.0", "01.0", "1.x", " 1.0", ""})
    void reportsMalformedVersion(String version) {
        ObjectNode doc = jackonWith(d -> d.put("version", version));

        assertThat(problems(doc)).containsExactly(
                "version: malformed version '" + version + "', expected MAJOR.MINOR such as 1.0");
    }

    @Test
    void explainsAnUnquotedYamlVersion() {
        String yaml = PolicyLoaderSmokeTest.MINIMAL.replace("\"version\": \"1.0\"", "\"version\": 1.0");

        assertThat(problems(yaml, PolicyLoader.Format.YAML)).containsExactly(
                "version: expected a string such as \"1.0\", found the number 1.0 (quote the version in YAML)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P13X", "13M", "P", "PT", "P1DT", "p13m", "P-1M", "P1.5M", "P1234567Y", "2 years", "session"})
    void reportsInvalidRetention(String retention) {
        ObjectNode doc = jackonWith(d -> at(d, "/purposes/1").put("retention", retention));

        String expected = retention.equals("session")
                ? "purposes[1].retention: retention must be an ISO-8601 duration such as P26M, not 'session'"
                : "purposes[1].retention: invalid ISO-8601 duration '" + retention
                        + "', expected e.g. P13M, P2Y, P30D or PT30M (or 'session' for a cookie)";
        assertThat(problems(doc)).containsExactly(expected);
    }

    @Test
    void reportsInvalidCookieDuration() {
        ObjectNode doc = jackonWith(d -> at(d, "/services/2/cookies/0").put("duration", "2y"));

        assertThat(problems(doc)).containsExactly("services[2].cookies[0].duration: invalid ISO-8601 duration '2y', "
                + "expected e.g. P13M, P2Y, P30D or PT30M (or 'session' for a cookie)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12 months | consentLifetime: invalid ISO-8601 duration '12 months', expected e.g. P13M, P2Y, P30D or PT30M (or 'session' for a cookie)",
            "P0M       | consentLifetime: must be a positive ISO-8601 period such as P12M, not 'P0M'",
            "session   | consentLifetime: must be a positive ISO-8601 period such as P12M, not 'session'"})
    void reportsInvalidConsentLifetime(String lifetime, String expected) {
        ObjectNode doc = jackonWith(d -> d.put("consentLifetime", lifetime));

        assertThat(problems(doc)).containsExactly(expected);
    }

    @Test
    void reportsInvalidRefusalLifetime() {
        ObjectNode doc = jackonWith(d -> d.put("refusalLifetime", "PT0S"));

        assertThat(problems(doc)).containsExactly("refusalLifetime: must be a positive ISO-8601 period such as P12M, not 'PT0S'");
    }

    // --- legal bases and categories -----------------------------------------------------------

    @Test
    void reportsConsentBasedPurposeInNecessary() {
        ObjectNode doc = jackonWith(d -> at(d, "/purposes/4").put("legalBasis", "consent"));

        assertThat(problems(doc)).containsExactly("purposes[4].legalBasis: purpose 'security' is in the 'necessary' category "
                + "and cannot rest on consent: strictly necessary processing is not asked for; move it to another category "
                + "or choose another legal basis");
    }

    @Test
    void reportsGpcOptOutOnPurposeNotBasedOnConsent() {
        ObjectNode doc = jackonWith(d -> at(d, "/purposes/3").put("gpcOptOut", true));

        assertThat(problems(doc)).containsExactly("purposes[3].gpcOptOut: purpose 'sales-contact' rests on legitimate-interest, "
                + "not consent: only consent-based purposes can be opted out of by Global Privacy Control");
    }

    @ParameterizedTest
    @CsvSource({"1, analytics, consent", "5, legal-obligations, legal-obligation"})
    void reportsObjectableOnPurposeNotBasedOnLegitimateInterest(int index, String id, String basis) {
        ObjectNode doc = jackonWith(d -> at(d, "/purposes/" + index).put("objectable", true));

        assertThat(problems(doc)).containsExactly("purposes[" + index + "].objectable: purpose '" + id + "' rests on " + basis
                + ", not legitimate-interest: only legitimate-interest purposes can be objected to (GDPR Art. 21);"
                + " a consent-based purpose is refused instead");
    }

    @Test
    void reportsChoicePerServiceOnPurposeNotBasedOnConsent() {
        ObjectNode doc = jackonWith(d -> at(d, "/purposes/3").put("choicePerService", true));

        assertThat(problems(doc)).containsExactly("purposes[3].choicePerService: purpose 'sales-contact' rests on "
                + "legitimate-interest, not consent: only a consent-based purpose is granted per service");
    }

    @Test
    void acceptsObjectableOnALegitimateInterestPurposeAndReadsIt() {
        ObjectNode doc = jackonWith(d -> at(d, "/purposes/4").put("objectable", true));

        assertThat(problems(doc)).isEmpty();
        ConsentPolicy policy = PolicyLoader.fromString(new String(PolicyFixtures.bytes(doc), java.nio.charset.StandardCharsets.UTF_8), PolicyLoader.Format.JSON, "test");
        assertThat(policy.purpose("security").orElseThrow().objectable()).isTrue();
        assertThat(policy.purpose("security").orElseThrow().decidable()).isTrue();
        assertThat(policy.purpose("legal-obligations").orElseThrow().decidable()).isFalse();
        assertThat(policy.purpose("analytics").orElseThrow().decidable()).isTrue();
    }

    @Test
    void reportsServiceWhoseCookiesServeANonNecessaryPurposeNotBasedOnConsent() {
        ObjectNode doc = jackonWith(d -> listAt(d, "/services/3/purposes").add("sales-contact"));

        assertThat(problems(doc)).containsExactly("services[3].purposes[1]: service 'meta-pixel' sets cookies for purpose "
                + "'sales-contact' in category 'marketing', which rests on legitimate-interest: cookies that are not strictly "
                + "necessary need consent (legitimate interest does not cover them, EDPB cookie banner taskforce report)");
    }

    @Test
    void allowsLegitimateInterestForNecessaryCookiesAndForServicesWithoutCookies() {
        // jackon-web sets JSESSIONID for 'security' (legitimate interest, necessary): allowed.
        ObjectNode doc = jackonWith(d -> {
            ObjectNode crm = listAt(d, "/services").addObject().put("id", "crm").put("name", "CRM");
            crm.putObject("provider").put("name", "Jackon AS");
            crm.putArray("purposes").add("sales-contact");
        });

        assertThat(problems(doc)).isEmpty();
    }

    @Test
    void reportsServiceWithoutPurposes() {
        ObjectNode doc = jackonWith(d -> at(d, "/services/1").putArray("purposes"));

        assertThat(problems(doc)).containsExactly(
                "services[1].purposes: service 'consent' serves no purpose; every service must serve at least one");
    }

    // --- cookies ------------------------------------------------------------------------------

    @Test
    void reportsOneCookieNameClaimedByTwoServices() {
        ObjectNode doc = jackonWith(d -> listAt(d, "/services/3/cookies").add(at(d, "/services/2/cookies/0").deepCopy()));

        assertThat(problems(doc)).containsExactly(
                "services[3].cookies[2].name: cookie '_ga' is declared by service 'google-analytics' too (services[2].cookies[0].name)");
    }

    @Test
    void reportsCookieDeclaredTwiceByOneService() {
        ObjectNode doc = jackonWith(d -> listAt(d, "/services/3/cookies").add(at(d, "/services/3/cookies/0").deepCopy()));

        assertThat(problems(doc)).containsExactly(
                "services[3].cookies[2].name: cookie '_fbp' is declared twice by service 'meta-pixel' (services[3].cookies[0].name)");
    }

    @Test
    void reportsCookieOfOneServiceMatchedByAnotherServicesPattern() {
        ObjectNode doc = jackonWith(d -> listAt(d, "/services/3/cookies").add(
                at(d, "/services/3/cookies/0").deepCopy().put("name", "_ga_META")));

        assertThat(problems(doc)).containsExactly("services[3].cookies[2].name: cookie '_ga_META' of service 'meta-pixel' "
                + "is also matched by pattern '_ga_*' of service 'google-analytics' (services[2].cookies[1].name)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "_ga*x", "my cookie", "a**", "ø"})
    void reportsInvalidCookieName(String name) {
        ObjectNode doc = jackonWith(d -> at(d, "/services/0/cookies/0").put("name", name));

        assertThat(problems(doc)).containsExactly("services[0].cookies[0].name: invalid cookie name '" + name
                + "': use the exact name, or a prefix followed by one trailing '*' such as _ga_*");
    }

    // --- empty policies -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"$schema\": \"policy.schema.json\"}"})
    void reportsEmptyPolicy(String doc) {
        assertThat(problems(doc, PolicyLoader.Format.JSON)).containsExactly(
                "the policy is empty: it declares no id, version, locales, controller, categories or purposes");
    }

    @Test
    void reportsPolicyWithoutPurposes() {
        ObjectNode doc = jackonWith(d -> {
            d.putArray("purposes");
            d.putArray("services");
            d.remove("processors");
        });

        assertThat(problems(doc)).containsExactly("purposes: the policy is empty: it declares no purposes");
    }

    @Test
    void reportsEmptyLocaleList() {
        ObjectNode doc = jackonWith(d -> d.putArray("locales"));

        assertThat(problems(doc)).containsExactly("locales: no locales declared: list at least the default locale");
    }

    @Test
    void reportsDuplicateLocaleAndRight() {
        ObjectNode doc = jackonWith(d -> {
            listAt(d, "/locales").add("en");
            listAt(d, "/rights").add("access");
        });

        assertThat(problems(doc)).containsExactly("locales[2]: duplicate locale 'en'", "rights[6]: duplicate right 'access'");
    }

    // --- the builder validates too ------------------------------------------------------------

    @Test
    void builderValidatesWithTheSameRules() {
        ConsentPolicy valid = PolicyLoader.fromClasspath("policies/jackon.json");
        ConsentPolicy.Builder broken = valid.toBuilder().addPurpose(valid.purposes().get(0));

        assertThat(valid.toBuilder().build()).isEqualTo(valid);
        assertThatThrownBy(broken::build)
                .isInstanceOf(PolicyValidationException.class)
                .hasMessage("Consent policy <builder> has 1 problem:\n"
                        + "  - purposes[6].id: duplicate purpose id 'requested-content' (also purposes[0])")
                .satisfies(e -> assertThat(((PolicyValidationException) e).source()).isEqualTo("<builder>"));
        assertThat(PolicyValidator.validate(broken.buildUnchecked())).extracting(PolicyProblem::path).containsExactly("purposes[6].id");
    }
}
