package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** The Google Consent Mode v2 consent types a service may depend on. */
public enum ConsentModeType {
    /** Storage (cookies) for advertising. */
    AD_STORAGE("ad_storage"),
    /** Storage (cookies) for analytics, such as visit duration. */
    ANALYTICS_STORAGE("analytics_storage"),
    /** Sending user data to Google for advertising. */
    AD_USER_DATA("ad_user_data"),
    /** Personalised advertising (remarketing). */
    AD_PERSONALIZATION("ad_personalization"),
    /** Storage supporting the site's functions, such as language settings. */
    FUNCTIONALITY_STORAGE("functionality_storage"),
    /** Storage for personalisation, such as recommendations. */
    PERSONALIZATION_STORAGE("personalization_storage"),
    /** Storage for security: authentication, fraud prevention. */
    SECURITY_STORAGE("security_storage");

    private final String id;

    ConsentModeType(String id) {
        this.id = id;
    }

    /** The name Google's {@code gtag('consent', …)} command uses, e.g. {@code ad_storage}. */
    public String id() {
        return id;
    }

    /** The type with the given {@code gtag} name. */
    public static Optional<ConsentModeType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
