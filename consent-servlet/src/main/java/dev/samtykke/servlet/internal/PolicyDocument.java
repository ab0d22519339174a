package dev.samtykke.servlet.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import dev.samtykke.core.notice.Durations;
import dev.samtykke.core.policy.Banner;
import dev.samtykke.core.policy.Category;
import dev.samtykke.core.policy.ConsentModeType;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.LocalizedText;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The policy as the banner needs it ({@code GET /consent/policy}), rendered once per policy locale
 * when the application starts: ids, texts in the locale, the banner labels of that locale only (the
 * built-in ones of {@code labels.json}, overridden by the policy's banner texts), and categories with
 * their purposes, services and cookies. A policy locale whose language has no built-in labels must give
 * them all in the policy, or building the document fails listing what is missing.
 */
public final class PolicyDocument {

    /** The classpath resource holding the built-in banner labels, by language. */
    static final String LABELS = "/dev/samtykke/servlet/assets/labels.json";
    private static final String LABEL_FALLBACK_LANGUAGE = "en";
    private static final String CONTENT_TYPE = "application/json";

    private final ConsentPolicy policy;
    private final Map<Locale, Asset> byLocale = new HashMap<>();

    /**
     * Renders the document in every locale of the policy.
     *
     * @param policy the policy
     */
    public PolicyDocument(ConsentPolicy policy) {
        this.policy = policy;
        Map<String, Map<String, String>> builtIn = builtInLabels();
        requireLabels(policy, builtIn);
        for (Locale locale : policy.locales()) {
            byLocale.put(locale, Asset.of(CONTENT_TYPE, render(locale, builtIn)));
        }
        byLocale.putIfAbsent(policy.defaultLocale(), Asset.of(CONTENT_TYPE, render(policy.defaultLocale(), builtIn)));
    }

    /**
     * The document in a locale of the policy (the default locale's for any other), with its entity tag.
     *
     * @param locale a policy locale
     * @return the UTF-8 JSON and its ETag
     */
    public Asset in(Locale locale) {
        Asset document = byLocale.get(locale);
        return document != null ? document : byLocale.get(policy.defaultLocale());
    }

    /**
     * The locale to answer in: the {@code lang} parameter if the policy has that language, else the best
     * match for {@code Accept-Language}, else the policy's default.
     *
     * @param policy the policy
     * @param lang the {@code lang} query parameter, or {@code null}
     * @param acceptLanguage the {@code Accept-Language} header, or {@code null}
     * @return a locale of the policy
     */
    public static Locale negotiate(ConsentPolicy policy, String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank() && lang.length() <= 35) {
            String language = Locale.forLanguageTag(lang.trim()).getLanguage();
            if (!language.isEmpty()) {
                for (Locale locale : policy.locales()) {
                    if (locale.getLanguage().equals(language)) {
                        return policy.negotiate(lang.trim());
                    }
                }
            }
        }
        return policy.negotiate(acceptLanguage);
    }

    /**
     * Fails unless every policy locale has banner labels: built in for its language, or else every one
     * of them given by the policy in that language (this check belongs to the policy's validation in
     * consent-core and moves there when that package settles).
     */
    private static void requireLabels(ConsentPolicy policy, Map<String, Map<String, String>> builtIn) {
        List<String> problems = new ArrayList<>();
        for (Locale locale : policy.locales()) {
            if (builtIn.containsKey(locale.getLanguage())) {
                continue;
            }
            List<String> missing = new ArrayList<>();
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
            if (!missing.isEmpty()) {
                problems.add("'" + locale.toLanguageTag() + "' is missing " + String.join(", ", missing));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Policy '" + policy.id() + "' has locales without built-in banner labels"
                    + " (built in: " + String.join(", ", new TreeSet<>(builtIn.keySet())) + "); give these texts in the"
                    + " policy for each such locale: " + String.join("; ", problems));
        }
    }

    private static boolean covers(LocalizedText text, Locale locale) {
        return !text.isEmpty() && (text.isUniversal() || text.has(locale.toLanguageTag()) || text.has(locale.getLanguage()))
                && !text.get(locale).isBlank();
    }

    private static Map<String, Map<String, String>> builtInLabels() {
        try (InputStream in = PolicyDocument.class.getResourceAsStream(LABELS)) {
            if (in == null) {
                throw new IllegalStateException("The built-in banner labels " + LABELS + " are missing from the classpath");
            }
            return new ObjectMapper().readValue(in, new TypeReference<Map<String, Map<String, String>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("The built-in banner labels " + LABELS + " cannot be read", e);
        } catch (JacksonException e) {
            throw new IllegalStateException("The built-in banner labels " + LABELS + " cannot be read", e);
        }
    }

    private byte[] render(Locale locale, Map<String, Map<String, String>> builtIn) {
        String tag = locale.toLanguageTag();
        Map<String, String> labels = new LinkedHashMap<>(builtIn.getOrDefault(LABEL_FALLBACK_LANGUAGE, Map.of()));
        labels.putAll(builtIn.getOrDefault(locale.getLanguage(), Map.of()));
        override(labels, "title", policy.banner().title(), locale);
        override(labels, "text", policy.banner().text(), locale);
        policy.banner().labels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(label -> override(labels, label.getKey(), label.getValue(), locale));
        return Json.write(json -> {
            json.writeStartObject();
            json.writeStringProperty("id", policy.id());
            json.writeStringProperty("version", policy.version().toString());
            json.writeStringProperty("locale", tag);
            json.writeArrayPropertyStart("locales");
            for (Locale l : policy.locales()) {
                json.writeString(l.toLanguageTag());
            }
            json.writeEndArray();
            json.writeObjectPropertyStart("controller");
            json.writeStringProperty("name", policy.controller().name());
            json.writeEndObject();
            String noticeUrl = policy.noticeUrl().isEmpty() ? null : policy.noticeUrl().get(locale);
            json.writeStringProperty("noticeUrl", noticeUrl == null || noticeUrl.isEmpty() ? null : noticeUrl);
            json.writeObjectPropertyStart("labels");
            for (Map.Entry<String, String> label : labels.entrySet()) {
                json.writeStringProperty(label.getKey(), label.getValue());
            }
            json.writeEndObject();
            json.writeArrayPropertyStart("categories");
            for (Category category : policy.categories()) {
                List<Purpose> purposes = policy.purposesIn(category.id());
                json.writeStartObject();
                json.writeStringProperty("id", category.id());
                json.writeStringProperty("title", category.title().get(locale));
                json.writeStringProperty("description", category.description().get(locale));
                json.writeBooleanProperty("required", purposes.stream().noneMatch(Purpose::requiresConsent));
                json.writeArrayPropertyStart("purposes");
                for (Purpose purpose : purposes) {
                    json.writeStartObject();
                    json.writeStringProperty("id", purpose.id());
                    json.writeStringProperty("title", purpose.title().get(locale));
                    json.writeStringProperty("description", purpose.description().get(locale));
                    json.writeStringProperty("legalBasis", purpose.legalBasis().id());
                    json.writeBooleanProperty("requiresConsent", purpose.requiresConsent());
                    json.writeBooleanProperty("objectable", purpose.objectable());
                    if (purpose.choicePerService()) { // only then, so other policies' documents stay as they were
                        json.writeBooleanProperty("choicePerService", true);
                    }
                    json.writeArrayPropertyStart("services");
                    for (Service service : policy.servicesFor(purpose.id())) {
                        json.writeStartObject();
                        json.writeStringProperty("id", service.id());
                        json.writeStringProperty("name", service.name());
                        json.writeStringProperty("provider", service.provider().name());
                        json.writeArrayPropertyStart("consentModeTypes");
                        for (ConsentModeType type : service.consentModeTypes().stream()
                                .sorted(Comparator.comparing(Enum::ordinal)).toList()) {
                            json.writeString(type.id());
                        }
                        json.writeEndArray();
                        json.writeArrayPropertyStart("cookies");
                        for (CookieDeclaration cookie : service.cookies()) {
                            json.writeStartObject();
                            json.writeStringProperty("name", cookie.name());
                            json.writeStringProperty("party", cookie.party().id());
                            json.writeStringProperty("duration", cookie.duration().iso());
                            json.writeStringProperty("durationText", Durations.humanize(cookie.duration(), locale));
                            json.writeEndObject();
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** Overrides a label with the policy's text when the policy writes one in this language. */
    private static void override(Map<String, String> labels, String key, LocalizedText text, Locale locale) {
        if (text.isEmpty()) {
            return;
        }
        if (text.isUniversal() || text.has(locale.toLanguageTag()) || text.has(locale.getLanguage())) {
            String value = text.get(locale);
            if (!value.isEmpty()) {
                labels.put(key, value);
            }
        }
    }
}
