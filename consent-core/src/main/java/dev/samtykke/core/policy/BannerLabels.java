package dev.samtykke.core.policy;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The banner's built-in texts ({@code banner-labels.json}): per language, the title, text and every
 * {@link Banner#LABEL_KEYS label}. A policy locale whose language has none must give them all itself, which the
 * policy's validation checks at load ({@link #missing(ConsentPolicy, Locale)}).
 */
public final class BannerLabels {

    /** The resource holding the built-in texts, by language. */
    static final String RESOURCE = "/dev/samtykke/core/policy/banner-labels.json";

    private static final Map<String, Map<String, String>> BUILT_IN = load();

    private BannerLabels() {
    }

    /**
     * The built-in texts of a language.
     *
     * @param language an ISO 639 language code, e.g. {@code nb}
     * @return key to text; empty for a language without built-in texts
     */
    public static Map<String, String> builtIn(String language) {
        return BUILT_IN.getOrDefault(language, Map.of());
    }

    /** @return the languages with built-in texts, sorted */
    public static Set<String> languages() {
        return BUILT_IN.keySet();
    }

    /**
     * What a policy must still give for a locale: nothing when its language has built-in texts, else each of
     * {@code banner.title}, {@code banner.text} and {@code banner.labels.<key>} the policy does not write in it.
     *
     * @param policy the policy
     * @param locale one of its locales
     * @return the paths of the missing texts, in a fixed order
     */
    public static List<String> missing(ConsentPolicy policy, Locale locale) {
        List<String> missing = new ArrayList<>();
        if (BUILT_IN.containsKey(locale.getLanguage())) {
            return missing;
        }
        if (!covers(policy.banner().title(), locale)) {
            missing.add("banner.title");
        }
        if (!covers(policy.banner().text(), locale)) {
            missing.add("banner.text");
        }
        for (String key : Banner.LABEL_KEYS) {
            LocalizedText label = policy.banner().labels().get(key);
            if (label == null || !covers(label, locale)) {
                missing.add("banner.labels." + key);
            }
        }
        return missing;
    }

    private static boolean covers(LocalizedText text, Locale locale) {
        return !text.isEmpty() && (text.isUniversal() || text.has(locale.toLanguageTag()) || text.has(locale.getLanguage()))
                && !text.get(locale).isBlank();
    }

    private static Map<String, Map<String, String>> load() {
        try (InputStream in = BannerLabels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The built-in banner labels " + RESOURCE + " are missing from the classpath");
            }
            Map<String, Map<String, String>> read = new ObjectMapper().readValue(in, new TypeReference<>() { });
            return Collections.unmodifiableMap(new TreeMap<>(read));
        } catch (IOException e) {
            throw new UncheckedIOException("The built-in banner labels " + RESOURCE + " cannot be read", e);
        } catch (JacksonException e) {
            throw new IllegalStateException("The built-in banner labels " + RESOURCE + " cannot be read", e);
        }
    }
}
