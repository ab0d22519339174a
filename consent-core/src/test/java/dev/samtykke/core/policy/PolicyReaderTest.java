package dev.samtykke.core.policy;

import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static dev.samtykke.core.policy.PolicyFixtures.at;
import static dev.samtykke.core.policy.PolicyFixtures.jackonWith;
import static dev.samtykke.core.policy.PolicyFixtures.listAt;
import static dev.samtykke.core.policy.PolicyFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

/** The structure of a policy file: types, required and unknown fields, and one report per problem. */
class PolicyReaderTest {

    @Test
    void reportsWrongTypesWithPathAndWhatWasFound() {
        ObjectNode doc = jackonWith(d -> {
            d.put("id", 5);
            d.put("locales", "nb");
            at(d, "/purposes/1").put("gpcOptOut", "yes");
            at(d, "/purposes/2").put("title", 7);
            at(d, "/services/2").put("cookies", "_ga");
            at(d, "/services/3").put("illustrative", 1);
            at(d, "/controller").put("supervisoryAuthority", "Datatilsynet");
            d.putObject("rights");
        });

        assertThat(problems(doc)).containsExactly(
                "id: expected a string, found the number 5",
                "locales: expected a list, found a string",
                "controller.supervisoryAuthority: expected an object, found a string",
                "rights: expected a list, found an object",
                "purposes[1].gpcOptOut: expected true or false, found a string",
                "purposes[2].title: expected a string or an object of texts by language tag, found the number 7",
                "services[2].cookies: expected a list, found a string",
                "services[3].illustrative: expected true or false, found the number 1");
    }

    @Test
    void reportsUnknownFieldsAndListsTheKnownOnes() {
        ObjectNode doc = jackonWith(d -> {
            d.put("owner", "Jackon");
            at(d, "/purposes/0").put("colour", "blue");
            at(d, "/services/2/cookies/0").put("secure", true);
            at(d, "/controller/supervisoryAuthority").put("country", "NO");
        });

        assertThat(problems(doc)).containsExactly(
                "owner: unknown field 'owner' (known: $schema, id, version, title, defaultLocale, locales, consentLifetime, "
                        + "refusalLifetime, controller, noticeUrl, jurisdiction, banner, rights, categories, dataCategories, "
                        + "channels, purposes, services, processors)",
                "controller.supervisoryAuthority.country: unknown field 'country' (known: name, contact)",
                "purposes[0].colour: unknown field 'colour' (known: id, category, legalBasis, title, description, "
                        + "dataCategories, channels, retention, gpcOptOut, objectable, choicePerService)",
                "services[2].cookies[0].secure: unknown field 'secure' (known: name, party, duration, domain, description, storage)");
    }

    @Test
    void reportsAMisspeltBannerLabelByPath() {
        ObjectNode doc = jackonWith(d -> {
            ObjectNode labels = at(d, "/banner").putObject("labels");
            labels.putObject("rejectAll").put("nb", "Avvis").put("en", "Reject");
            labels.putObject("acceptall").put("nb", "Godta").put("en", "Accept");
        });

        assertThat(problems(doc)).singleElement().asString()
                .startsWith("banner.labels.acceptall: unknown banner label 'acceptall' (known: acceptAll, rejectAll, ");
    }

    @Test
    void reportsUnknownEnumValues() {
        ObjectNode doc = jackonWith(d -> {
            at(d, "/purposes/0").put("legalBasis", "contractual");
            at(d, "/services/2/cookies/0").put("party", "own");
            listAt(d, "/services/2/consentModeTypes").add("analytics");
            listAt(d, "/rights").add("forget-me");
        });

        assertThat(problems(doc)).containsExactly(
                "rights[6]: unknown right 'forget-me' (known: access, rectification, erasure, restriction, portability, "
                        + "objection, withdraw-consent, complaint)",
                "purposes[0].legalBasis: unknown legal basis 'contractual' (known: consent, legitimate-interest, contract, "
                        + "legal-obligation, vital-interest, public-task)",
                "services[2].cookies[0].party: unknown party 'own' (known: first, third)",
                "services[2].consentModeTypes[1]: unknown consent mode type 'analytics' (known: ad_storage, analytics_storage, "
                        + "ad_user_data, ad_personalization, functionality_storage, personalization_storage, security_storage)");
    }

    @Test
    void reportsEmptyEnumValuesInsteadOfSilentlyUsingAPlaceholder() {
        ObjectNode doc = jackonWith(d -> {
            at(d, "/purposes/1").put("legalBasis", ""); // analytics: its placeholder (consent) adds no follow-on problem
            d.put("version", "");
        });

        assertThat(problems(doc)).containsExactly(
                "version: malformed version '', expected MAJOR.MINOR such as 1.0",
                "purposes[1].legalBasis: unknown legal basis '' (known: consent, legitimate-interest, contract, "
                        + "legal-obligation, vital-interest, public-task)");
    }

    @Test
    void treatsExplicitNullAsAWrongTypeNotAsAbsent() {
        ObjectNode doc = jackonWith(d -> {
            d.putNull("title");
            at(d, "/purposes/1").putNull("retention");
        });

        assertThat(problems(doc)).containsExactly(
                "title: expected a string or an object of texts by language tag, found null",
                "purposes[1].retention: expected a string, found null");
    }

    @Test
    void reportsAMissingOrMistypedObjectOnceNotOncePerMissingField() {
        ObjectNode doc = jackonWith(d -> {
            d.remove("controller");
            at(d, "/services/2").remove("provider");
            at(d, "/services/3").put("provider", "Meta");
            listAt(d, "/services/0/cookies").set(0, "JSESSIONID");
        });

        assertThat(problems(doc)).containsExactly(
                "controller: missing required field",
                "services[0].cookies[0]: expected an object, found a string",
                "services[2].provider: missing required field",
                "services[3].provider: expected an object, found a string");
    }

    @Test
    void reportsAWrongTypedTextOnceNotAgainAsAMissingTranslation() {
        ObjectNode doc = jackonWith(d -> at(d, "/purposes/1/title").put("en", 5));

        assertThat(problems(doc)).containsExactly("purposes[1].title.en: expected a string, found the number 5");
    }

    @Test
    void keepsFilePositionsWhenAListElementIsBroken() {
        // A broken first element must not shift the paths of the problems found after it.
        ObjectNode doc = jackonWith(d -> {
            listAt(d, "/purposes").insert(0, "requested-content");
            at(d, "/purposes/3").put("category", "marketting");
            listAt(d, "/purposes/2/dataCategories").insert(0, 42);
            listAt(d, "/purposes/2/dataCategories").add("ip-address");
        });

        assertThat(problems(doc)).containsExactly(
                "purposes[0]: expected an object, found a string",
                "purposes[2].dataCategories[0]: expected a string, found the number 42",
                "purposes[2].dataCategories[2]: unknown data category 'ip-address' (known: contact-name, email, phone, "
                        + "postcode, company-name, company-address, device-usage)",
                "purposes[3].category: unknown category 'marketting' (known: necessary, analytics, marketing)");
    }

    @Test
    void reportsInvalidLanguageTagsOnceAndNotForEveryText() {
        ObjectNode doc = jackonWith(d -> {
            listAt(d, "/locales").set(1, "EN");
            listAt(d, "/locales").add("english");
        });

        assertThat(problems(doc)).containsExactly(
                "locales[1]: invalid language tag 'EN', expected a BCP 47 tag in canonical form such as nb or en-GB",
                "locales[2]: invalid language tag 'english', expected a BCP 47 tag in canonical form such as nb or en-GB");
    }

    @Test
    void reportsMissingRequiredFieldsOfAListElement() {
        ObjectNode doc = jackonWith(d -> {
            at(d, "/services/2/cookies/0").remove("duration");
            at(d, "/categories/2").remove("id");
            at(d, "/purposes/3").remove("retention");
        });

        assertThat(problems(doc)).containsExactly(
                "categories[2].id: missing required field",
                "purposes[3].retention: missing required field",
                "services[2].cookies[0].duration: missing required field",
                // The purposes in the category without an id now point nowhere: reported too, as they would be fixed separately.
                "purposes[2].category: unknown category 'marketing' (known: necessary, analytics)",
                "purposes[3].category: unknown category 'marketing' (known: necessary, analytics)");
    }

    @Test
    void listsEveryProblemOfAFileWithSeveral() {
        ObjectNode doc = jackonWith(d -> {
            d.put("version", "one");
            d.put("unexpected", true);
            at(d, "/purposes/1").put("category", "analytic");
            at(d, "/purposes/4").put("legalBasis", "consent");
            at(d, "/purposes/3").put("gpcOptOut", true);
            at(d, "/purposes/2").put("retention", "6 months");
            at(d, "/purposes/0/title").remove("en");
            listAt(d, "/services/3/cookies").add(at(d, "/services/2/cookies/0").deepCopy());
        });

        PolicyValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(PolicyValidationException.class,
                () -> PolicyLoader.fromString(doc.toString(), PolicyLoader.Format.JSON, "several.json"));

        assertThat(e.problems()).extracting(PolicyProblem::path).containsExactly(
                "unexpected", "version", "purposes[2].retention",
                "purposes[0].title", "purposes[1].category", "purposes[3].gpcOptOut", "purposes[4].legalBasis",
                "services[3].cookies[2].name");
        assertThat(e.getMessage()).startsWith("Consent policy several.json has 8 problems:\n  - unexpected: unknown field 'unexpected'")
                .contains("\n  - purposes[1].category: unknown category 'analytic'")
                .contains("\n  - services[3].cookies[2].name: cookie '_ga' is declared by service 'google-analytics' too");
        assertThat(e.source()).isEqualTo("several.json");
    }
}
