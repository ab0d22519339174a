package dev.samtykke.servlet.internal;

import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.CookieDeclaration;
import dev.samtykke.core.policy.CookieMatch;
import dev.samtykke.core.policy.CookieParty;
import dev.samtykke.core.policy.Service;
import dev.samtykke.servlet.SamtykkeListener;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the cookies a request carries that its consent does not allow, which scripts set in the
 * browser where no {@code Set-Cookie} passes the filter: a declared first-party cookie whose purposes
 * are not all granted, or, under {@link UndeclaredCookiePolicy#BLOCK}, an undeclared one. Each is
 * reported (to the listener every time; in the log once per name, the name only) and expired in the
 * response on the host and its parent domains ({@link CookieExpiry}). The consent cookie, cookies whose
 * purposes are granted (necessary ones always) and third-party declarations are never touched.
 *
 * <p>It runs on every request, so it is cheap: nothing when the request has no {@code Cookie} header,
 * else one pass over the header (up to {@link CookieHeaders#MAX_HEADER} characters) that allocates
 * nothing unless it finds an offending cookie. It reads the request's one {@code Cookie} header: a
 * browser sends one (RFC 6265, 5.4), and servers join the {@code cookie} fields of an HTTP/2 request
 * into one (RFC 9113, 8.2.3). Names are looked up in place, in a table of the
 * policy's exact names (one hash over the name) and its prefix patterns, longest first, as
 * {@code CookieIndex} resolves them: an exact declaration wins over a pattern.
 */
public final class CookieViolations {

    /** The most offending cookies handled in one request; the expiry budget holds fewer anyway. */
    static final int MAX_PER_REQUEST = 64;
    /** The most distinct names logged. */
    static final int MAX_LOGGED = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(CookieViolations.class);

    private final String[] consentCookieNames;
    private final String endpointsPath;
    private final boolean blockUndeclared;
    private final String policyId;
    private final String cookieDomain;
    private final boolean alwaysSecure;
    private final SamtykkeListener listener;
    /** Open addressing, linear probing; {@code null} marks a free slot. */
    private final String[] exactNames;
    private final CookieMatch[] exactMatches;
    private final int mask;
    /** Pattern prefixes, longest first, and their matches. */
    private final String[] prefixes;
    private final CookieMatch[] prefixMatches;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /**
     * A finder for one policy and configuration.
     *
     * @param policy the policy, whose cookie declarations decide
     * @param consentCookieNames the names the consent cookie may have, never expired
     * @param endpointsPath the consent endpoints' base path: requests to them are left to them
     * @param undeclared whether undeclared cookies count ({@code BLOCK}) or not ({@code ALLOW})
     * @param cookieDomain the consent cookie's configured domain, also expired on; or {@code null}
     * @param alwaysSecure whether expiring headers are {@code Secure} even on plain requests
     * @param listener told of each violation
     */
    public CookieViolations(ConsentPolicy policy, List<String> consentCookieNames, String endpointsPath,
                            UndeclaredCookiePolicy undeclared, String cookieDomain, boolean alwaysSecure,
                            SamtykkeListener listener) {
        this.consentCookieNames = consentCookieNames.toArray(String[]::new);
        this.endpointsPath = endpointsPath;
        this.blockUndeclared = undeclared == UndeclaredCookiePolicy.BLOCK;
        this.policyId = policy.id();
        this.cookieDomain = cookieDomain;
        this.alwaysSecure = alwaysSecure;
        this.listener = listener;
        Map<String, CookieMatch> exact = new LinkedHashMap<>();
        Map<String, CookieMatch> patterns = new LinkedHashMap<>();
        for (Service service : policy.services()) {
            for (CookieDeclaration cookie : service.cookies()) {
                (cookie.isPattern() ? patterns : exact).putIfAbsent(cookie.prefix(), new CookieMatch(cookie, service));
            }
        }
        int size = Integer.highestOneBit(Math.max(2, exact.size() * 2 - 1)) << 1;
        this.exactNames = new String[size];
        this.exactMatches = new CookieMatch[size];
        this.mask = size - 1;
        exact.forEach((name, match) -> {
            int i = spread(name.hashCode()) & mask;
            while (exactNames[i] != null) {
                i = (i + 1) & mask;
            }
            exactNames[i] = name;
            exactMatches[i] = match;
        });
        List<Map.Entry<String, CookieMatch>> byLength = new ArrayList<>(patterns.entrySet());
        byLength.sort(Comparator.comparingInt((Map.Entry<String, CookieMatch> e) -> e.getKey().length()).reversed());
        this.prefixes = byLength.stream().map(Map.Entry::getKey).toArray(String[]::new);
        this.prefixMatches = byLength.stream().map(Map.Entry::getValue).toArray(CookieMatch[]::new);
    }

    /**
     * Reports and expires the request's offending cookies, if it carries any, unless the request is for
     * the consent endpoints: a decision expires what it denies itself, within one header budget, which
     * the filter's expiries must not add to (past a server's header limit the new consent cookie would
     * be lost).
     *
     * @param request the request
     * @param response the response (the container's: expiries are not gated)
     * @param state the request's consent
     */
    public void check(HttpServletRequest request, HttpServletResponse response, ConsentState state) {
        check(request, request.getHeader("Cookie"), response, state);
    }

    /**
     * {@link #check(HttpServletRequest, HttpServletResponse, ConsentState)} given the request's
     * {@code Cookie} header, for a caller that has read it already.
     *
     * @param request the request
     * @param header the request's (first) {@code Cookie} header, {@code request.getHeader("Cookie")}
     * @param response the response (the container's: expiries are not gated)
     * @param state the request's consent
     */
    public void check(HttpServletRequest request, String header, HttpServletResponse response, ConsentState state) {
        if (header == null || (!blockUndeclared && state.allowsEverything())) {
            return; // nothing to find: every declared cookie is allowed, and undeclared ones are let be
        }
        List<String> offending = scan(header, state, null);
        if (offending == null || endpointsPath.equals(request.getServletPath())) {
            return;
        }
        for (String name : offending) {
            report(name);
        }
        CookieExpiry.expire(response, offending, request.getServerName(), cookieDomain,
                alwaysSecure || request.isSecure());
    }

    /**
     * The offending cookies of one {@code Cookie} header, added to those found so far.
     *
     * @param header the header value
     * @param state the request's consent
     * @param found the names found so far, or {@code null}
     * @return {@code found}, a new list if it was {@code null} and the header offends, else {@code null}
     */
    List<String> scan(String header, ConsentState state, List<String> found) {
        int length = Math.min(header.length(), CookieHeaders.MAX_HEADER);
        int i = 0;
        while (i < length) {
            char c;
            while (i < length && ((c = header.charAt(i)) == ' ' || c == '\t')) {
                i++;
            }
            int nameStart = i;
            while (i < length && (c = header.charAt(i)) != '=' && c != ';') {
                i++;
            }
            if (i < length && header.charAt(i) == '=') {
                int nameEnd = i;
                while (nameEnd > nameStart && ((c = header.charAt(nameEnd - 1)) == ' ' || c == '\t')) {
                    nameEnd--;
                }
                if (nameEnd > nameStart && offends(header, nameStart, nameEnd, state)) {
                    if (found == null) {
                        found = new ArrayList<>(4);
                    }
                    String name = header.substring(nameStart, nameEnd);
                    if (!found.contains(name)) {
                        found.add(name);
                        if (found.size() >= MAX_PER_REQUEST) {
                            return found;
                        }
                    }
                }
                int semicolon = header.indexOf(';', i); // skips the value; each character is passed once
                i = semicolon < 0 ? length : semicolon;
            }
            i++; // past the ';'
        }
        return found;
    }

    private boolean offends(String header, int start, int end, ConsentState state) {
        int length = end - start;
        for (String consentCookieName : consentCookieNames) {
            if (length == consentCookieName.length() && header.regionMatches(start, consentCookieName, 0, length)) {
                return false;
            }
        }
        CookieMatch match = find(header, start, end);
        if (match == null) {
            return blockUndeclared;
        }
        return match.declaration().party() == CookieParty.FIRST && !state.allowsService(match.service().id());
    }

    /** The declaration of the name {@code s[start, end)}, or {@code null}; allocates nothing. */
    private CookieMatch find(String s, int start, int end) {
        int length = end - start;
        int hash = 0;
        for (int k = start; k < end; k++) {
            hash = 31 * hash + s.charAt(k); // String.hashCode over the region
        }
        for (int i = spread(hash) & mask; exactNames[i] != null; i = (i + 1) & mask) {
            String name = exactNames[i];
            if (name.length() == length && s.regionMatches(start, name, 0, length)) {
                return exactMatches[i];
            }
        }
        for (int p = 0; p < prefixes.length; p++) {
            String prefix = prefixes[p];
            if (prefix.length() <= length && s.regionMatches(start, prefix, 0, prefix.length())) {
                return prefixMatches[p];
            }
        }
        return null;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private void report(String name) {
        CookieMatch match = find(name, 0, name.length());
        String declaredAs = match == null ? null : match.declaration().name();
        listener.cookieViolation(name, declaredAs);
        if (logged.size() < MAX_LOGGED && logged.add(name)) {
            if (declaredAs == null) {
                LOG.warn("A request carried cookie '{}', which policy '{}' does not declare (undeclared cookies: block); "
                        + "a script likely set it. It is expired in the answer. Declare it, or keep the script from "
                        + "running.", sanitise(name), policyId);
            } else {
                LOG.warn("A request carried cookie '{}' (declared as '{}' in policy '{}') although its purposes are not "
                        + "granted; a script likely set it before consent. It is expired in the answer. Gate the script "
                        + "that sets it (data-consent).", sanitise(name), declaredAs, policyId);
            }
        }
    }

    /** A name fit for a log line: at most 100 characters, printable ASCII only. */
    private static String sanitise(String name) {
        String shortened = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        return shortened.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
