package dev.samtykke.servlet;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieMatch;
import dev.samtykke.core.policy.CookieParty;
import dev.samtykke.servlet.internal.ConsentResponse;
import dev.samtykke.servlet.internal.CookieExpiry;
import dev.samtykke.servlet.internal.CookieHeaders;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the browser is sent once a decision is recorded: the new consent cookie (under the name in force for the
 * request, the legacy one expired), and the expiry of the declared cookies the new state no longer allows. Used by
 * the endpoints for the visitor's own decisions and by {@link AccountLinks} for an account's decision applied to
 * this device.
 */
final class DecisionCookies {

    private DecisionCookies() {
    }

    /**
     * Sets the consent cookie of {@code decision} and expires what {@code next} withdraws.
     *
     * @param s the instance
     * @param request the request
     * @param response the response (possibly gated: the consent cookie is set below the gate)
     * @param decision the recorded decision
     * @param next the state the decision gives
     */
    static void issue(Samtykke s, HttpServletRequest request, HttpServletResponse response, ConsentDecision decision,
                      ConsentState next) {
        SamtykkeConfig config = s.config();
        boolean secure = s.secureCookie(request);
        String name = config.cookieNameFor(secure);
        boolean secureName = secure || SamtykkeConfig.requiresSecure(name);
        long maxAge = Math.max(0, Duration.between(s.clock().instant(), decision.expiresAt()).getSeconds());
        HttpServletResponse direct = belowConsentGate(response);
        direct.addHeader("Set-Cookie", CookieHeaders.setCookie(name, s.codec().encode(decision), maxAge,
                name.startsWith("__Host-") ? null : config.cookieDomain(), secureName, true));
        Samtykke.ConsentCookie held = s.findCookie(request);
        if (held != null && held.legacy()) { // re-issued under the name now in force: the old one goes
            direct.addHeader("Set-Cookie", CookieHeaders.setCookie(held.name(), "", 0, null, secure, true));
        }
        expireWithdrawn(request, response, s.policy(), next, config, secure);
    }

    /**
     * Expires the declared first-party cookies the request carries that the new state no longer
     * allows, on each of their likely domains, within {@link CookieExpiry}'s header budget.
     */
    private static void expireWithdrawn(HttpServletRequest request, HttpServletResponse response, ConsentPolicy policy,
                                        ConsentState next, SamtykkeConfig config, boolean secure) {
        List<String> expiring = new ArrayList<>();
        for (String name : CookieHeaders.names(request)) {
            CookieMatch match = config.isConsentCookieName(name) ? null : policy.cookies().find(name);
            if (match != null && match.declaration().party() == CookieParty.FIRST && !next.allowsCookie(name)) {
                expiring.add(name);
            }
        }
        CookieExpiry.expire(response, expiring, request.getServerName(), config.cookieDomain(), secure);
    }

    /**
     * The response below the consent filter's cookie gate, for the consent cookie itself: its name varies with
     * the request (see {@link SamtykkeConfig#cookieNameFor}), and the gate knows one name only.
     */
    private static HttpServletResponse belowConsentGate(HttpServletResponse response) {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper wrapper) {
            if (wrapper instanceof ConsentResponse && wrapper.getResponse() instanceof HttpServletResponse inner) {
                return inner;
            }
            r = wrapper.getResponse();
        }
        return response;
    }
}
