package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentDecision;

/**
 * Hears what the consent filter and endpoints do, for metrics or auditing; register it with
 * {@link Samtykke.Builder#listener(SamtykkeListener)}. Every method does nothing by default.
 *
 * <p>Methods are called on request threads, synchronously, and must be quick and thread-safe. An exception
 * thrown by a listener is logged and otherwise ignored: it never changes the answer. Listeners are given
 * cookie names but never cookie values; a decision carries the visitor's pseudonymous subject id, which a
 * listener must not log or export as a metric tag.
 */
public interface SamtykkeListener {

    /**
     * A decision was recorded in the ledger (and its cookie is about to be set).
     *
     * @param decision the decision
     */
    default void decisionRecorded(ConsentDecision decision) {
    }

    /**
     * The filter kept a cookie the application set from reaching the browser.
     *
     * @param cookieName the cookie's name
     * @param declared whether the policy declares it (if not, it was dropped as undeclared)
     */
    default void cookieBlocked(String cookieName, boolean declared) {
    }

    /**
     * The application set a cookie the policy does not declare (whether or not it was let through).
     *
     * @param cookieName the cookie's name
     */
    default void undeclaredCookie(String cookieName) {
    }

    /**
     * A request carried a cookie its consent does not allow: a declared first-party cookie whose purposes
     * are not all granted, or an undeclared one under {@link UndeclaredCookiePolicy#BLOCK}. Such a cookie
     * was most likely set by a script in the browser, where no {@code Set-Cookie} passes the filter. The
     * filter expires it in the response; this is called once per cookie and request.
     *
     * @param cookieName the cookie's name (for a pattern such as {@code _ga_*}, any number of names)
     * @param declaredAs the name or pattern the policy declares it under, such as {@code _ga_*}, or
     *                   {@code null} if the policy does not declare it: one of a fixed set, fit for a metric tag
     */
    default void cookieViolation(String cookieName, String declaredAs) {
    }
}
