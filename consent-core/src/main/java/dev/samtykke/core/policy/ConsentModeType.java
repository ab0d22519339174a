package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** The Google Consent Mode v2 consent types a service may depend on. */
public enum ConsentModeType {
    AD_STORAGE("ad_storage"),
    ANALYTICS_STORAGE("analytics_storage"),
    AD_USER_DATA("ad_user_data"),
    AD_PERSONALIZATION("ad_personalization"),
    FUNCTIONALITY_STORAGE("functionality_storage"),
    PERSONALIZATION_STORAGE("personalization_storage"),
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
