package dev.samtykke.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * Reads {@code Cookie} request headers and {@code Set-Cookie} response headers without the
 * container's cookie objects, and writes {@code Set-Cookie} values. Tolerant: malformed pairs are skipped.
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
     * The cookie name of a {@code Set-Cookie} header value.
     *
     * @param setCookie e.g. {@code _ga=GA1.1; Path=/; Max-Age=63072000}
     * @return the name, or {@code null} if the value has no {@code name=} pair
     */
    public static String setCookieName(String setCookie) {
        if (setCookie == null) {
            return null;
        }
        int eq = setCookie.indexOf('=');
        int semi = setCookie.indexOf(';');
        if (eq <= 0 || (semi >= 0 && semi < eq)) {
            return null;
        }
        int start = skipSpaces(setCookie, 0, eq);
        String name = setCookie.substring(start, trimEnd(setCookie, start, eq));
        return name.isEmpty() ? null : name;
    }

    /**
     * Whether a {@code Set-Cookie} header value deletes its cookie ({@code Max-Age} of zero or less,
     * or an {@code Expires} date in the past).
     *
     * @param setCookie the header value
     * @param now the current time
     * @return {@code true} if the browser would drop the cookie
     */
    public static boolean isExpiring(String setCookie, Instant now) {
        String[] parts = setCookie.split(";");
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String attribute = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (attribute.equals("max-age")) {
                try {
                    // Max-Age wins over Expires (RFC 6265 5.3 step 3).
                    return Long.parseLong(value) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            if (attribute.equals("expires")) {
                try {
                    expired = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().isBefore(now);
                } catch (DateTimeParseException e) {
                    expired = false;
                }
            }
        }
        return expired;
    }

    /** The most {@code Domain}s a cookie is expired on, besides host-only. */
    static final int MAX_EXPIRY_DOMAINS = 4;

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
     * {@value #MAX_EXPIRY_DOMAINS} of the host's domains are added, the shortest.
     *
     * @param host the request's host name
     * @param configuredDomain the consent cookie's configured domain, or {@code null}
     * @return the domains, {@code null} for host-only; no domain twice
     */
    public static List<String> expiryDomains(String host, String configuredDomain) {
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
    public static String setCookie(String name, String value, long maxAgeSeconds, String domain, boolean secure,
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

    private static int skipSpaces(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }

    private static String unquote(String s, int from, int to) {
        if (to - from >= 2 && s.charAt(from) == '"' && s.charAt(to - 1) == '"') {
            return s.substring(from + 1, to - 1);
        }
        return s.substring(from, to);
    }
}
