package dev.samtykke.servlet.console;

import java.util.Objects;

/**
 * A {@link ConsoleAuthorizer}'s answer for one request: who it is, and whether they may use the console.
 *
 * @param kind      the answer
 * @param principal who (for {@link Kind#GRANTED} and {@link Kind#FORBIDDEN}), as the audit trail names them; else
 *                  {@code null}
 */
public record ConsoleAccess(Kind kind, String principal) {

    /** The longest principal name kept; a longer one is cut. */
    public static final int MAX_PRINCIPAL = 200;

    /** The answers. */
    public enum Kind {
        /** An authenticated user who may use the console. */
        GRANTED,
        /** Nobody is authenticated: answered 401. */
        UNAUTHENTICATED,
        /** An authenticated user without the right to use the console: answered 403. */
        FORBIDDEN
    }

    /**
     * Checks the principal and makes it printable.
     *
     * @throws IllegalArgumentException if a granted access names nobody
     */
    public ConsoleAccess {
        Objects.requireNonNull(kind, "kind");
        if (principal != null) {
            StringBuilder clean = new StringBuilder(Math.min(principal.length(), MAX_PRINCIPAL));
            principal.codePoints().limit(MAX_PRINCIPAL)
                    .forEach(cp -> clean.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
            principal = clean.toString().strip();
        }
        if (kind == Kind.GRANTED && (principal == null || principal.isEmpty())) {
            throw new IllegalArgumentException("a granted console access names its principal");
        }
    }

    /**
     * An authenticated user who may use the console.
     *
     * @param principal their name, as the audit trail records it
     * @return the access
     */
    public static ConsoleAccess granted(String principal) {
        return new ConsoleAccess(Kind.GRANTED, principal);
    }

    /**
     * Nobody authenticated.
     *
     * @return the access (401)
     */
    public static ConsoleAccess unauthenticated() {
        return new ConsoleAccess(Kind.UNAUTHENTICATED, null);
    }

    /**
     * An authenticated user without the right.
     *
     * @param principal their name, or {@code null}
     * @return the access (403)
     */
    public static ConsoleAccess forbidden(String principal) {
        return new ConsoleAccess(Kind.FORBIDDEN, principal);
    }

    /**
     * Whether the request may use the console.
     *
     * @return {@code true} for {@link Kind#GRANTED}
     */
    public boolean isGranted() {
        return kind == Kind.GRANTED;
    }
}
