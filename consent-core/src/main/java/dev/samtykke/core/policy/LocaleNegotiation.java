package dev.samtykke.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Chooses the policy locale that best fits a visitor's language preference; see {@link ConsentPolicy#negotiate(String)}. */
final class LocaleNegotiation {

    /** Norwegian tags that stand in for each other: Bokmål first (the more widely read), then the macrolanguage, then Nynorsk. */
    private static final List<String> NORWEGIAN = List.of("nb", "no", "nn");

    private LocaleNegotiation() {
    }

    /** The best fit among {@code locales} for a tag or an {@code Accept-Language} value; {@code defaultLocale} when none fits. */
    static Locale negotiate(String languagePreference, List<Locale> locales, Locale defaultLocale) {
        if (languagePreference == null || languagePreference.isBlank() || languagePreference.length() > 512) {
            return defaultLocale;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(languagePreference.trim().replace('_', '-'));
        } catch (IllegalArgumentException malformed) {
            return defaultLocale;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() <= 0 || range.getRange().equals("*")) {
                continue;
            }
            Locale match = Locale.lookup(List.of(range), locales);
            if (match == null) {
                match = sameLanguage(locales, range.getRange().split("-", 2)[0]);
            }
            if (match != null) {
                return match;
            }
        }
        return defaultLocale;
    }

    /** A policy locale of this language, or of a Norwegian written standard standing in for it. */
    private static Locale sameLanguage(List<Locale> locales, String language) {
        List<String> candidates = new ArrayList<>(List.of(language));
        if (NORWEGIAN.contains(language)) {
            candidates.addAll(NORWEGIAN);
        }
        for (String candidate : candidates) {
            for (Locale locale : locales) {
                if (locale.getLanguage().equals(candidate)) {
                    return locale;
                }
            }
        }
        return null;
    }
}
