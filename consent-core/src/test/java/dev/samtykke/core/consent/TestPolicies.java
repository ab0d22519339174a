package dev.samtykke.core.consent;

import dev.samtykke.core.policy.Category;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Controller;
import dev.samtykke.core.policy.LegalBasis;
import dev.samtykke.core.policy.LocalizedText;
import dev.samtykke.core.policy.PolicyLoader;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.SupervisoryAuthority;
import dev.samtykke.core.policy.TimeSpan;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Policies and clocks shared by the consent, cookie and signal tests. */
public final class TestPolicies {

    /**
     * A shop's policy, version 2.1: two purposes that need no consent (security, checkout), two
     * consent-based purposes GPC does not touch (language, stats) and two it opts out of (ads, retargeting);
     * services with one and with several purposes, exact and pattern cookies, Consent Mode types shared
     * by two services (ad_storage) and one declared by none (personalization_storage).
     */
    public static final String SHOP_JSON = """
            {
              "id": "shop", "version": "2.1", "defaultLocale": "en", "locales": ["en"],
              "controller": {"name": "Shop Ltd", "supervisoryAuthority": {"name": "ICO"}},
              "categories": [
                {"id": "necessary", "title": "Necessary"}, {"id": "preferences", "title": "Preferences"},
                {"id": "analytics", "title": "Analytics"}, {"id": "marketing", "title": "Marketing"}
              ],
              "dataCategories": [{"id": "device", "title": "Device data"}],
              "purposes": [
                {"id": "security", "category": "necessary", "legalBasis": "legitimate-interest", "title": "Security",
                 "description": "Keeping the site safe", "dataCategories": ["device"], "retention": "P30D"},
                {"id": "checkout", "category": "necessary", "legalBasis": "contract", "title": "Checkout",
                 "description": "Delivering orders", "dataCategories": ["device"], "retention": "P5Y"},
                {"id": "language", "category": "preferences", "legalBasis": "consent", "title": "Language",
                 "description": "Remembering your language", "dataCategories": ["device"], "retention": "P1Y"},
                {"id": "stats", "category": "analytics", "legalBasis": "consent", "title": "Statistics",
                 "description": "Counting visits", "dataCategories": ["device"], "retention": "P13M"},
                {"id": "ads", "category": "marketing", "legalBasis": "consent", "title": "Ads",
                 "description": "Showing ads", "dataCategories": ["device"], "retention": "P13M", "gpcOptOut": true},
                {"id": "retargeting", "category": "marketing", "legalBasis": "consent", "title": "Retargeting",
                 "description": "Following up visits", "dataCategories": ["device"], "retention": "P13M", "gpcOptOut": true}
              ],
              "services": [
                {"id": "session", "name": "Session", "provider": {"name": "Shop Ltd"}, "purposes": ["security", "checkout"],
                 "cookies": [{"name": "JSESSIONID", "party": "first", "duration": "session"}],
                 "consentModeTypes": ["security_storage"]},
                {"id": "prefs", "name": "Preferences", "provider": {"name": "Shop Ltd"}, "purposes": ["language"],
                 "cookies": [{"name": "lang", "party": "first", "duration": "P1Y"}],
                 "consentModeTypes": ["functionality_storage"]},
                {"id": "ga", "name": "Google Analytics", "provider": {"name": "Google"}, "purposes": ["stats"],
                 "cookies": [{"name": "_ga", "party": "first", "duration": "P2Y"}, {"name": "_ga_*", "party": "first", "duration": "P2Y"}],
                 "consentModeTypes": ["analytics_storage"]},
                {"id": "gads", "name": "Google Ads", "provider": {"name": "Google"}, "purposes": ["ads", "retargeting"],
                 "cookies": [{"name": "_gcl_au", "party": "first", "duration": "P90D"}],
                 "consentModeTypes": ["ad_storage", "ad_user_data", "ad_personalization"]},
                {"id": "meta", "name": "Meta Pixel", "provider": {"name": "Meta"}, "purposes": ["ads"],
                 "cookies": [{"name": "_fbp", "party": "first", "duration": "P90D"}],
                 "consentModeTypes": ["ad_storage"]},
                {"id": "mixer", "name": "Mixer", "provider": {"name": "Mix"}, "purposes": ["stats", "ads"],
                 "cookies": [{"name": "mix_*", "party": "first", "duration": "P30D"}]}
              ]
            }
            """;

    /** The consent-based purposes of {@link #shop()}, in file order. */
    public static final List<String> SHOP_CONSENT_PURPOSES = List.of("language", "stats", "ads", "retargeting");

    /** A fixed instant the tests call "now": 2026-11-25T12:00:00Z. */
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private TestPolicies() {
    }

    /** The shop policy, see {@link #SHOP_JSON}. */
    public static ConsentPolicy shop() {
        return PolicyLoader.fromString(SHOP_JSON, PolicyLoader.Format.JSON, "shop.json");
    }

    /** A clock fixed at an instant. */
    public static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** The same policy with its purposes in reverse file order. */
    public static ConsentPolicy reversed(ConsentPolicy policy) {
        List<Purpose> purposes = new ArrayList<>(policy.purposes());
        Collections.reverse(purposes);
        return policy.toBuilder().purposes(purposes).build();
    }

    /**
     * A generated policy with {@code consentPurposes} consent-based purposes (ids of 8 to 24 characters,
     * realistic for sizes) plus two that need no consent, under a random id.
     */
    public static ConsentPolicy generated(int consentPurposes, SplittableRandom random) {
        ConsentPolicy.Builder b = ConsentPolicy.builder()
                .id("gen-" + Integer.toString(random.nextInt(1 << 20), 36))
                .version(random.nextInt(5) + "." + random.nextInt(5))
                .defaultLocale(Locale.ENGLISH)
                .controller(new Controller("Generated Ltd", null, null,
                        new SupervisoryAuthority(LocalizedText.of("Authority"), null)))
                .addCategory(new Category(Category.NECESSARY, LocalizedText.of("Necessary"), null))
                .addCategory(new Category(Category.MARKETING, LocalizedText.of("Marketing"), null));
        b.addPurpose(purpose("security", Category.NECESSARY, LegalBasis.LEGITIMATE_INTEREST, false));
        b.addPurpose(purpose("orders", Category.NECESSARY, LegalBasis.CONTRACT, false));
        for (int i = 0; i < consentPurposes; i++) {
            String id = randomId(random, 8 + random.nextInt(17)) + i;
            b.addPurpose(purpose(id, Category.MARKETING, LegalBasis.CONSENT, random.nextBoolean()));
        }
        return b.build();
    }

    private static Purpose purpose(String id, String category, LegalBasis basis, boolean gpcOptOut) {
        return new Purpose(id, category, basis, LocalizedText.of(id), LocalizedText.of("About " + id), List.of(), List.of(),
                TimeSpan.parse("P1Y"), gpcOptOut, false, false);
    }

    private static String randomId(SplittableRandom random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder id = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        while (id.length() < length) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
