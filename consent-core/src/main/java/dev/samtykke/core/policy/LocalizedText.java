package dev.samtykke.core.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A text in several locales. In a policy file it is either an object keyed by language tag
 * ({@code {"nb": "Analyse", "en": "Analytics"}}) or a single string used for every locale
 * (a brand name, say). Look-ups fall back from {@code nb-NO} to {@code nb}, then to the policy's
 * default locale.
 *
 * @param values the texts by BCP 47 language tag; empty when {@link #universal} is set
 * @param universal the text for every locale, or {@code null}
 * @param fallback the language tag to fall back to (the policy's default locale)
 */
public record LocalizedText(Map<String, String> values, String universal, String fallback) {

    /** No text at all. */
    public static final LocalizedText EMPTY = new LocalizedText(Map.of(), null, "");

    /** Creates a text; prefer {@link #of(String)} and {@link #of(Map, String)}. */
    public LocalizedText {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
        Objects.requireNonNull(fallback, "fallback");
    }

    /** A text that reads the same in every locale. */
    public static LocalizedText of(String text) {
        return new LocalizedText(Map.of(), Objects.requireNonNull(text, "text"), "");
    }

    /** A text per language tag, falling back to {@code fallback}. */
    public static LocalizedText of(Map<String, String> values, String fallback) {
        return new LocalizedText(values, null, fallback);
    }

    /** Whether the text reads the same in every locale. */
    public boolean isUniversal() {
        return universal != null;
    }

    /** Whether there is no text. */
    public boolean isEmpty() {
        return universal == null && values.isEmpty();
    }

    /** Whether a text is written for this exact language tag (always true for a universal text). */
    public boolean has(String languageTag) {
        return universal != null || values.containsKey(languageTag);
    }

    /** The text in the given locale, else its language, else the fallback locale, else any; empty string if none. */
    public String get(Locale locale) {
        return get(locale.toLanguageTag());
    }

    /** The text for a BCP 47 language tag, with the fallbacks of {@link #get(Locale)}. */
    public String get(String languageTag) {
        return find(languageTag).orElse("");
    }

    /** The text for a language tag with fallbacks, or empty if there is no text at all. */
    public Optional<String> find(String languageTag) {
        if (universal != null) {
            return Optional.of(universal);
        }
        if (languageTag != null) {
            String exact = values.get(languageTag);
            if (exact != null) {
                return Optional.of(exact);
            }
            int dash = languageTag.indexOf('-');
            if (dash > 0) {
                String language = values.get(languageTag.substring(0, dash));
                if (language != null) {
                    return Optional.of(language);
                }
            }
        }
        String fb = values.get(fallback);
        if (fb != null) {
            return Optional.of(fb);
        }
        return values.values().stream().findFirst();
    }

    @Override
    public String toString() {
        return universal != null ? universal : values.toString();
    }
}
