package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a declared item is kept in the visitor's browser: a cookie (the default), or a key of the
 * page's {@code localStorage} or {@code sessionStorage} that the site's scripts write.
 */
public enum StorageKind {
    /** An HTTP cookie. */
    COOKIE("cookie"),
    /** A key of {@code window.localStorage}: kept until a script removes it. */
    LOCAL_STORAGE("localStorage"),
    /** A key of {@code window.sessionStorage}: kept until the tab closes. */
    SESSION_STORAGE("sessionStorage");

    private final String id;

    StorageKind(String id) {
        this.id = id;
    }

    /** The identifier used in policy files ({@code cookie}, {@code localStorage}, {@code sessionStorage}). */
    public String id() {
        return id;
    }

    /** The kind with the given policy-file identifier. */
    public static Optional<StorageKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
