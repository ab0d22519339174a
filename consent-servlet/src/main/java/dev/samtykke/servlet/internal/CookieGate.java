package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.CookieIndex;
import dev.samtykke.servlet.SamtykkeListener;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import dev.samtykke.servlet.UndeclaredCookies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Decides whether a cookie the application sets may reach the browser: the consent cookie and
 * deletions always; a declared cookie when the visitor allows all of its purposes; an undeclared one
 * (a nameless one included) as configured, reported either way. When in doubt a header is no deletion
 * and no necessary cookie: it is judged as the cookie a browser would store.
 */
public final class CookieGate {

    private static final Logger LOG = LoggerFactory.getLogger(CookieGate.class);

    private final List<String> consentCookieNames;
    private final CookieIndex cookies;
    private final boolean allowUndeclared;
    private final UndeclaredCookies undeclared;
    private final Clock clock;
    private final SamtykkeListener listener;

    /**
     * A gate.
     *
     * @param consentCookieNames the names the consent cookie may have, always let through
     * @param cookies the policy's cookie declarations
     * @param undeclaredPolicy what to do with undeclared cookies
     * @param undeclared where undeclared cookies are reported
     * @param clock to judge {@code Expires} dates
     * @param listener told of undeclared and blocked cookies
     */
    public CookieGate(List<String> consentCookieNames, CookieIndex cookies, UndeclaredCookiePolicy undeclaredPolicy,
                      UndeclaredCookies undeclared, Clock clock, SamtykkeListener listener) {
        this.consentCookieNames = List.copyOf(consentCookieNames);
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
     * Whether a {@code Set-Cookie} header value may pass, judged as a browser reads it
     * ({@link SetCookieHeader}): a deletion always; the consent cookie always; a header with a control
     * character never (browsers ignore it, and a line break could start another header); otherwise like
     * any cookie, under the name the server will see it by, which for a nameless cookie ({@code =_ga=x}, sent
     * back as {@code _ga=x}) is the part of its value before {@code =}; a nameless cookie without one is
     * undeclared.
     *
     * @param setCookie the header value
     * @param state the request's consent
     * @return {@code true} to let it through
     */
    public boolean permitsHeader(String setCookie, ConsentState state) {
        SetCookieHeader header = SetCookieHeader.parse(setCookie);
        String name = header.judgedName();
        if (header.hasControlCharacter()) {
            LOG.debug("Dropped a Set-Cookie header with a control character");
            listener.cookieBlocked(name, !name.isEmpty() && cookies.find(name) != null);
            return false;
        }
        return permits(name, header.isDeletion(clock.instant()), state);
    }

    /** The judgement once the name is known: {@code ""} (a nameless cookie) is undeclared. */
    private boolean permits(String name, boolean deleting, ConsentState state) {
        if (name == null || deleting || consentCookieNames.contains(name)) {
            return true;
        }
        if (name.isEmpty() || cookies.find(name) == null) {
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
