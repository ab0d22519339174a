package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.Optional;

/** Whether a cookie is set on the site's own domain or by a third party's domain. */
public enum CookieParty {
    /** Set on the site's own domain. */
    FIRST("first"),
    /** Set on another domain, by a third party. */
    THIRD("third");

    private final String id;

    CookieParty(String id) {
        this.id = id;
    }

    /** The identifier used in policy files. */
    public String id() {
        return id;
    }

    /** The party with the given policy-file identifier. */
    public static Optional<CookieParty> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
