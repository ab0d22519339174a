package dev.samtykke.core.ledger;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.PolicyLoader;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A small bilingual policy and helpers to make decisions and records against it. */
public final class LedgerFixtures {

    /** A shop's policy in nb and en: two consent purposes and one on legitimate interest. */
    public static final String POLICY_JSON = """
            {
              "id": "shop", "version": "1.0", "defaultLocale": "nb", "locales": ["nb", "en"],
              "jurisdiction": "NO",
              "noticeUrl": {"nb": "/personvern", "en": "/en/privacy"},
              "controller": {"name": "Butikken AS", "organisationNumber": "999 888 777",
                             "contact": {"email": "personvern@butikken.no"},
                             "supervisoryAuthority": {"name": {"nb": "Datatilsynet", "en": "The Norwegian Data Protection Authority"}}},
              "rights": ["access", "erasure", "withdraw-consent", "complaint"],
              "banner": {"title": {"nb": "Vi bruker informasjonskapsler", "en": "We use cookies"},
                         "text": {"nb": "Velg hva vi får bruke.", "en": "Choose what we may use."},
                         "labels": {"acceptAll": {"nb": "Godta alle", "en": "Accept all"},
                                    "rejectAll": {"nb": "Avvis alle", "en": "Reject all"}}},
              "categories": [{"id": "necessary", "title": {"nb": "Nødvendige", "en": "Necessary"}},
                             {"id": "analytics", "title": {"nb": "Analyse", "en": "Analytics"}},
                             {"id": "marketing", "title": {"nb": "Markedsføring", "en": "Marketing"}}],
              "dataCategories": [{"id": "device", "title": {"nb": "Enhetsdata", "en": "Device data"}},
                                 {"id": "usage", "title": {"nb": "Bruksdata", "en": "Usage data"}}],
              "purposes": [
                {"id": "security", "category": "necessary", "legalBasis": "legitimate-interest",
                 "title": {"nb": "Sikkerhet", "en": "Security"}, "description": {"nb": "Stoppe misbruk", "en": "Stopping abuse"}, "dataCategories": ["device"], "retention": "P30D"},
                {"id": "stats", "category": "analytics", "legalBasis": "consent",
                 "title": {"nb": "Statistikk", "en": "Statistics"}, "description": {"nb": "Telle besøk", "en": "Counting visits"},
                 "dataCategories": ["device", "usage"], "retention": "P13M", "gpcOptOut": true},
                {"id": "ads", "category": "marketing", "legalBasis": "consent",
                 "title": {"nb": "Annonser", "en": "Ads"}, "description": {"nb": "Måle annonser", "en": "Measuring ads"}, "dataCategories": ["usage"], "retention": "P6M", "gpcOptOut": true}
              ],
              "services": [
                {"id": "ga", "name": "Google Analytics", "provider": {"name": "Google"}, "purposes": ["stats"],
                 "cookies": [{"name": "_ga", "party": "first", "duration": "P2Y"}], "consentModeTypes": ["analytics_storage"]}
              ]
            }
            """;

    /** The policy of {@link #POLICY_JSON}. */
    public static final ConsentPolicy POLICY = PolicyLoader.fromString(POLICY_JSON, PolicyLoader.Format.JSON, "ledger-test.json");

    /** The start of every test's clock. */
    public static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private LedgerFixtures() {
    }

    /** A decision for {@code subjectId} at {@code at}, valid for a year, with grants given as id, boolean pairs. */
    public static ConsentDecision decision(String subjectId, ConsentMethod method, Instant at, Object... grants) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        for (int i = 0; i < grants.length; i += 2) {
            map.put((String) grants[i], (Boolean) grants[i + 1]);
        }
        return new ConsentDecision(subjectId, POLICY.id(), POLICY.version(), map, method, at, at.plus(Duration.ofDays(365)));
    }

    /** A record of a custom decision on the front page, shown in nb. */
    public static NewConsentRecord record(String subjectId, Instant at, boolean stats, boolean ads) {
        return NewConsentRecord.of(decision(subjectId, ConsentMethod.CUSTOM, at, "stats", stats, "ads", ads), POLICY,
                Locale.forLanguageTag("nb"), "/");
    }

    /** A record of {@code decision}, shown in nb on the front page. */
    public static NewConsentRecord record(ConsentDecision decision) {
        return NewConsentRecord.of(decision, POLICY, Locale.forLanguageTag("nb"), "/");
    }
}
