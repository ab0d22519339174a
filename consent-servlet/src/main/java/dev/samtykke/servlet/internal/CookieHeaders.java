package dev.samtykke.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code Cookie} request headers and {@code Set-Cookie} response headers without the
 * container's cookie objects, and writes {@code Set-Cookie} values. Tolerant: malformed pairs are skipped.
 * The entry point other code calls; each job is done by one class: {@link CookiePairs} scans
 * {@code Cookie} headers, {@link SetCookieHeader} reads a {@code Set-Cookie} as browsers do, and
 * {@link CookieExpiry} writes {@code Set-Cookie} values and picks the domains to expire a cookie on.
 */
public final class CookieHeaders {

    /** Longest cookie header considered; longer ones are read only up to here. */
    static final int MAX_HEADER = CookiePairs.MAX_HEADER;

    private CookieHeaders() {
    }

    /**
     * The value of the first cookie with this name the request carries.
     *
     * @param request the request
     * @param name the cookie name
     * @return the value without surrounding quotes, or {@code null}
     */
    public static String find(HttpServletRequest request, String name) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        if (headers == null) {
            return null;
        }
        while (headers.hasMoreElements()) {
            String value = CookiePairs.find(headers.nextElement(), name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * {@link #find(HttpServletRequest, String)} given the request's first {@code Cookie} header
     * ({@code request.getHeader("Cookie")}), for a caller that reads it anyway: where that header holds
     * the cookie, as a browser's one {@code Cookie} header does, the request's headers are not listed.
     * Otherwise every {@code Cookie} header is searched as {@link #find(HttpServletRequest, String)} does,
     * so the answer is the same.
     *
     * @param request the request
     * @param firstHeader the request's first {@code Cookie} header, or {@code null}
     * @param name the cookie name
     * @return the value without surrounding quotes, or {@code null}
     */
    public static String find(HttpServletRequest request, String firstHeader, String name) {
        String value = CookiePairs.find(firstHeader, name);
        return value != null ? value : find(request, name);
    }

    /**
     * The value of the first cookie with this name in one {@code Cookie} header, in one pass over the
     * header (at most its first {@value #MAX_HEADER} characters).
     *
     * @param header the header value, e.g. {@code a=1; consent=xyz}
     * @param name the cookie name
     * @return the value without surrounding quotes, or {@code null}
     */
    public static String find(String header, String name) {
        return CookiePairs.find(header, name);
    }

    /**
     * The names of every cookie the request carries, in order, duplicates kept once; linear in the
     * headers' length.
     *
     * @param request the request
     * @return the names
     */
    public static List<String> names(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        if (headers == null) {
            return new ArrayList<>();
        }
        Set<String> names = new LinkedHashSet<>();
        while (headers.hasMoreElements()) {
            CookiePairs.addNames(headers.nextElement(), names);
        }
        return new ArrayList<>(names);
    }

    /**
     * The cookie name of a {@code Set-Cookie} header value, as a browser reads it (RFC 6265bis §5.7):
     * the text before the first {@code ;}, up to its first {@code =}, trimmed of spaces and tabs.
     *
     * @param setCookie e.g. {@code _ga=GA1.1; Path=/; Max-Age=63072000}
     * @return the name, or {@code null} if it is empty (a nameless cookie: no {@code =}, or nothing before it)
     */
    public static String setCookieName(String setCookie) {
        if (setCookie == null) {
            return null;
        }
        String name = SetCookieHeader.parse(setCookie).name();
        return name.isEmpty() ? null : name;
    }

    /**
     * Whether a {@code Set-Cookie} header value deletes its cookie, as a browser reads it (RFC 6265bis):
     * the last valid {@code Max-Age} is zero or less, or without one the last valid {@code Expires}
     * (RFC 6265 §5.1.1 cookie-date) is before now. A header with a {@code Max-Age} or {@code Expires}
     * that is not valid is in doubt and no deletion (see {@link SetCookieHeader}).
     *
     * @param setCookie the header value
     * @param now the current time
     * @return {@code true} if every browser would drop the cookie
     */
    public static boolean isExpiring(String setCookie, Instant now) {
        return SetCookieHeader.parse(setCookie).isDeletion(now);
    }

    /**
     * The domains on which to expire a first-party cookie so that it is gone however it was set, most
     * likely first: {@code null} (host-only), then the configured cookie domain, then the host's parent
     * domains of at least two labels from the shortest ({@code shop.example}) to the host itself
     * ({@code www.shop.example}). Analytics scripts set their cookies on the highest domain the browser
     * accepts (Google Analytics' {@code _ga} on {@code shop.example} when the site is
     * {@code www.shop.example}), which a host-only expiry does not reach. A browser ignores a
     * {@code Domain} that is a public suffix ({@code co.uk}), so offering one is harmless. IP addresses,
     * single-label hosts ({@code localhost}) and hosts with other characters than letters, digits,
     * {@code -} and {@code .} get host-only (and the configured domain) only; at most
     * four of the host's domains are added, the shortest.
     *
     * @param host the request's host name
     * @param configuredDomain the consent cookie's configured domain, or {@code null}
     * @return the domains, {@code null} for host-only; no domain twice
     */
    public static List<String> expiryDomains(String host, String configuredDomain) {
        return CookieExpiry.domains(host, configuredDomain);
    }

    /**
     * A {@code Set-Cookie} value.
     *
     * @param name the name
     * @param value the value (cookie-safe characters only)
     * @param maxAgeSeconds {@code Max-Age}; 0 deletes the cookie
     * @param domain the {@code Domain}, or {@code null}
     * @param secure whether to add {@code Secure}
     * @param httpOnly whether to add {@code HttpOnly}
     * @return the header value
     */
    public static String setCookie(String name, String value, long maxAgeSeconds, String domain, boolean secure,
                                   boolean httpOnly) {
        return CookieExpiry.setCookie(name, value, maxAgeSeconds, domain, secure, httpOnly);
    }
}
