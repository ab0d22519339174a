package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * A cookie a service sets: an exact name ({@code _fbp}) or a prefix pattern ending in {@code *}
 * ({@code _ga_*}).
 *
 * @param name the exact name, or a prefix followed by a single trailing {@code *}
 * @param party first or third party
 * @param duration how long it lives ({@code session} or an ISO-8601 duration)
 * @param domain the domain of a third-party cookie, or {@code null}
 * @param description what it stores
 */
public record CookieDeclaration(String name, CookieParty party, TimeSpan duration, String domain, LocalizedText description) {
    /** Creates a declaration; an absent description becomes empty. */
    public CookieDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(duration, "duration");
        description = description == null ? LocalizedText.EMPTY : description;
    }

    /** Whether the name is a prefix pattern such as {@code _ga_*}. */
    public boolean isPattern() {
        return name.endsWith("*");
    }

    /** The literal prefix of a pattern, or the exact name. */
    public String prefix() {
        return isPattern() ? name.substring(0, name.length() - 1) : name;
    }

    /** Whether a concrete cookie name matches this declaration. */
    public boolean matches(String cookieName) {
        return isPattern() ? cookieName.startsWith(prefix()) : name.equals(cookieName);
    }
}
