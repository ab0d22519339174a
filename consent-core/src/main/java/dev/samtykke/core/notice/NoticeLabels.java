package dev.samtykke.core.notice;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed texts of the notice (headings, column names, legal bases, rights, duration units), built
 * in for {@code nb} and {@code en}. A locale without built-in labels falls back to English;
 * {@code no} (Norwegian) reads as {@code nb}.
 */
final class NoticeLabels {

    static final String RESOURCE = "/dev/samtykke/core/notice/labels.json";
    static final String FALLBACK = "en";

    private static final Map<String, Map<String, String>> ALL = load();

    private final String language;
    private final Map<String, String> labels;

    private NoticeLabels(String language, Map<String, String> labels) {
        this.language = language;
        this.labels = labels;
    }

    private static Map<String, Map<String, String>> load() {
        try (InputStream in = NoticeLabels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("notice labels " + RESOURCE + " missing from the classpath");
            }
            Map<String, Map<String, String>> raw = new ObjectMapper().readValue(in, new TypeReference<>() {
            });
            Map<String, String> english = raw.get(FALLBACK);
            raw.forEach((tag, texts) -> {
                if (!texts.keySet().equals(english.keySet())) {
                    throw new IllegalStateException("notice labels for '" + tag + "' do not have the same keys as '" + FALLBACK + "'");
                }
            });
            return raw.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notice labels " + RESOURCE, e);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot read notice labels " + RESOURCE, e);
        }
    }

    /** The labels for a locale: its exact tag, else its language, else English. */
    static NoticeLabels of(Locale locale) {
        String tag = locale.toLanguageTag();
        String language = locale.getLanguage();
        for (String candidate : new String[] {tag, language, "no".equals(language) ? "nb" : null, FALLBACK}) {
            if (candidate != null && ALL.containsKey(candidate)) {
                return new NoticeLabels(candidate, ALL.get(candidate));
            }
        }
        throw new IllegalStateException("no '" + FALLBACK + "' notice labels");
    }

    /** The language tag whose labels these are. */
    String language() {
        return language;
    }

    /** The label for a key. */
    String get(String key) {
        String value = labels.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no notice label '" + key + "'");
        }
        return value;
    }

    /** The label for a key with {@code {name}} placeholders replaced, in the order name, value, name, value, …. */
    String format(String key, String... namesAndValues) {
        String text = get(key);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
        }
        return text;
    }
}
