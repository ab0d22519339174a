package dev.samtykke.servlet.internal;

import dev.samtykke.core.notice.Durations;
import dev.samtykke.core.policy.BannerLabels;
import dev.samtykke.core.policy.Category;
import dev.samtykke.core.policy.ConsentModeType;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.LocalizedText;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.Service;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The policy as the banner needs it ({@code GET /consent/policy}), rendered once per policy locale
 * when the application starts: ids, texts in the locale, the banner labels of that locale only (the
 * built-in ones of {@link BannerLabels}, overridden by the policy's banner texts), and categories with
 * their purposes, services and cookies. A policy locale whose language has no built-in labels gives them all in
 * the policy: the policy's validation ({@code PolicyValidator}) refuses it at load otherwise.
 */
public final class PolicyDocument {

    /** The language whose built-in labels stand in for any the policy's language lacks. */
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
        for (Locale locale : policy.locales()) {
            byLocale.put(locale, Asset.of(CONTENT_TYPE, render(locale)));
        }
        byLocale.putIfAbsent(policy.defaultLocale(), Asset.of(CONTENT_TYPE, render(policy.defaultLocale())));
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

    private byte[] render(Locale locale) {
        String tag = locale.toLanguageTag();
        Map<String, String> labels = new LinkedHashMap<>(BannerLabels.builtIn(LABEL_FALLBACK_LANGUAGE));
        labels.putAll(BannerLabels.builtIn(locale.getLanguage()));
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
