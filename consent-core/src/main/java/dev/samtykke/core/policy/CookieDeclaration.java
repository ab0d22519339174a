package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * A cookie a service sets: an exact name ({@code _fbp}) or a prefix pattern ending in {@code *}
 * ({@code _ga_*}); or, with {@link #storage()} other than {@link StorageKind#COOKIE}, a key its
 * scripts keep in the browser's {@code localStorage} or {@code sessionStorage}, named the same way.
 *
 * @param name the exact name, or a prefix followed by a single trailing {@code *}
 * @param party first or third party
 * @param duration how long it lives ({@code session} or an ISO-8601 duration)
 * @param domain the domain of a third-party cookie, or {@code null}
 * @param description what it stores
 * @param storage where the browser keeps it: a cookie, or a {@code localStorage} / {@code sessionStorage} key
 */
public record CookieDeclaration(String name, CookieParty party, TimeSpan duration, String domain, LocalizedText description,
                                StorageKind storage) {
    /** Creates a declaration; an absent description becomes empty, an absent storage {@link StorageKind#COOKIE}. */
    public CookieDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(duration, "duration");
        description = description == null ? LocalizedText.EMPTY : description;
        storage = storage == null ? StorageKind.COOKIE : storage;
    }

    /** Creates a cookie declaration; an absent description becomes empty. */
    public CookieDeclaration(String name, CookieParty party, TimeSpan duration, String domain, LocalizedText description) {
        this(name, party, duration, domain, description, StorageKind.COOKIE);
    }

    /** Whether this declares an HTTP cookie (rather than a browser-storage key). */
    public boolean isCookie() {
        return storage == StorageKind.COOKIE;
    }

    /** Whether the name is a prefix pattern such as {@code _ga_*}. */
    public boolean isPattern() {
        return name.endsWith("*");
    }

    /** The literal prefix of a pattern, or the exact name. */
    public String prefix() {
        return isPattern() ? name.substring(0, name.length() - 1) : name;
    }

    /** Whether a concrete cookie name (or storage key) matches this declaration. */
    public boolean matches(String cookieName) {
        return isPattern() ? cookieName.startsWith(prefix()) : name.equals(cookieName);
    }
}
