package dev.samtykke.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code Set-Cookie} values: the consent cookie, and the expiring headers that clear a cookie on every
 * domain it may have been set on (host-only, the configured cookie domain, the host's parent domains): every
 * cookie on the most likely domain before any on the next, and no more than {@value #MAX_BYTES} bytes of headers
 * in all, so that a request carrying many cookies cannot push the answer past a server's header limit (which
 * would lose the rest of the answer, such as a new consent cookie). Used by withdrawal and by the filter when a
 * request carries cookies its consent does not allow.
 */
public final class CookieExpiry {

    /** The most bytes of expiring {@code Set-Cookie} headers one answer gets: half a common 8 KiB header limit. */
    public static final int MAX_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(CookieExpiry.class);
    private static final int HEADER_OVERHEAD = "Set-Cookie: \r\n".length();

    /** The most {@code Domain}s a cookie is expired on, besides host-only. */
    static final int MAX_EXPIRY_DOMAINS = 4;

    private CookieExpiry() {
    }

    /**
     * The domains on which to expire a first-party cookie; see {@link CookieHeaders#expiryDomains}.
     *
     * @param host the request's host name
     * @param configuredDomain the consent cookie's configured domain, or {@code null}
     * @return the domains, {@code null} for host-only; no domain twice
     */
    static List<String> domains(String host, String configuredDomain) {
        List<String> domains = new ArrayList<>();
        domains.add(null);
        if (configuredDomain != null && !configuredDomain.isBlank()) {
            domains.add(stripDot(configuredDomain.strip().toLowerCase(Locale.ROOT)));
        }
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1); // a fully qualified name
        }
        if (name.length() > 253 || !isDomainName(name)) {
            return domains;
        }
        List<String> suffixes = new ArrayList<>();
        for (String domain = name; domain.indexOf('.') > 0; domain = domain.substring(domain.indexOf('.') + 1)) {
            suffixes.add(domain);
        }
        int added = 0;
        for (int i = suffixes.size() - 1; i >= 0 && added < MAX_EXPIRY_DOMAINS; i--) {
            String domain = suffixes.get(i); // the shortest first: where analytics scripts put their cookies
            if (!domains.contains(domain)) {
                domains.add(domain);
                added++;
            }
        }
        return domains;
    }

    private static String stripDot(String domain) {
        return domain.startsWith(".") ? domain.substring(1) : domain;
    }

    /** Letters, digits, hyphens and dots, at least two labels, none empty, the last not all digits (an IP). */
    private static boolean isDomainName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..") || name.indexOf('.') < 0) {
            return false;
        }
        boolean lastLabelDigits = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                lastLabelDigits = true;
            } else if ((c >= 'a' && c <= 'z') || c == '-') {
                lastLabelDigits = false;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return !lastLabelDigits;
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
    static String setCookie(String name, String value, long maxAgeSeconds, String domain, boolean secure,
                                   boolean httpOnly) {
        StringBuilder b = new StringBuilder(name.length() + value.length() + 96);
        b.append(name).append('=').append(value).append("; Path=/");
        if (domain != null) {
            b.append("; Domain=").append(domain);
        }
        b.append("; Max-Age=").append(Math.max(0, maxAgeSeconds));
        if (maxAgeSeconds <= 0) {
            b.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        }
        b.append("; SameSite=Lax");
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        return b.toString();
    }

    /**
     * Adds expiring {@code Set-Cookie} headers for the cookies, within the byte budget.
     *
     * @param response the response to add them to
     * @param names the cookie names, each once
     * @param host the request's host name
     * @param configuredDomain the consent cookie's configured domain, or {@code null}
     * @param secure whether to mark the headers {@code Secure}
     */
    public static void expire(HttpServletResponse response, List<String> names, String host, String configuredDomain,
                              boolean secure) {
        if (names.isEmpty()) {
            return;
        }
        int budget = MAX_BYTES;
        for (String domain : domains(host, configuredDomain)) {
            for (String name : names) {
                String header = setCookie(name, "", 0, domain, secure, false);
                budget -= header.length() + HEADER_OVERHEAD;
                if (budget < 0) {
                    LOG.debug("Expired cookies up to {} bytes of headers; the rest were left", MAX_BYTES);
                    return;
                }
                response.addHeader("Set-Cookie", header);
            }
        }
    }
}
