package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.CookieIndex;
import dev.samtykke.servlet.SamtykkeListener;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import dev.samtykke.servlet.UndeclaredCookies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Decides whether a cookie the application sets may reach the browser: the consent cookie and
 * deletions always; a declared cookie when the visitor allows all of its purposes; an undeclared one
 * as configured, reported either way.
 */
public final class CookieGate {

    private static final Logger LOG = LoggerFactory.getLogger(CookieGate.class);

    private final String consentCookieName;
    private final CookieIndex cookies;
    private final boolean allowUndeclared;
    private final UndeclaredCookies undeclared;
    private final Clock clock;
    private final SamtykkeListener listener;

    /**
     * A gate.
     *
     * @param consentCookieName the consent cookie, always let through
     * @param cookies the policy's cookie declarations
     * @param undeclaredPolicy what to do with undeclared cookies
     * @param undeclared where undeclared cookies are reported
     * @param clock to judge {@code Expires} dates
     * @param listener told of undeclared and blocked cookies
     */
    public CookieGate(String consentCookieName, CookieIndex cookies, UndeclaredCookiePolicy undeclaredPolicy,
                      UndeclaredCookies undeclared, Clock clock, SamtykkeListener listener) {
        this.consentCookieName = consentCookieName;
        this.cookies = cookies;
        this.allowUndeclared = undeclaredPolicy == UndeclaredCookiePolicy.ALLOW;
        this.undeclared = undeclared;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Whether a cookie set through {@code addCookie} may pass.
     *
     * @param name the cookie name
     * @param maxAge the cookie's max age ({@code 0} deletes it)
     * @param state the request's consent
     * @return {@code true} to let it through
     */
    public boolean permitsCookie(String name, int maxAge, ConsentState state) {
        return permits(name, maxAge == 0, state);
    }

    /**
     * Whether a {@code Set-Cookie} header value may pass.
     *
     * @param setCookie the header value
     * @param state the request's consent
     * @return {@code true} to let it through
     */
    public boolean permitsHeader(String setCookie, ConsentState state) {
        String name = CookieHeaders.setCookieName(setCookie);
        if (name == null) {
            return true;
        }
        if (name.equals(consentCookieName)) {
            return true;
        }
        return permits(name, CookieHeaders.isExpiring(setCookie, clock.instant()), state);
    }

    private boolean permits(String name, boolean deleting, ConsentState state) {
        if (name == null || name.equals(consentCookieName) || deleting) {
            return true;
        }
        if (cookies.find(name) == null) {
            undeclared.report(name);
            listener.undeclaredCookie(name);
            if (!allowUndeclared) {
                LOG.debug("Dropped undeclared cookie '{}'", name);
                listener.cookieBlocked(name, false);
            }
            return allowUndeclared;
        }
        if (state.allowsCookie(name)) {
            return true;
        }
        LOG.debug("Dropped cookie '{}': its purposes are not all granted", name);
        listener.cookieBlocked(name, true);
        return false;
    }
}
