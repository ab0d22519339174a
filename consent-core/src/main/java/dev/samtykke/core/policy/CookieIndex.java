package dev.samtykke.core.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Look-up from a concrete cookie name to its declaration and service. Exact names are found with
 * one hash look-up; prefix patterns with one hash look-up per distinct prefix length (a handful),
 * longest prefix first, never by scanning every declaration. An exact declaration wins over a pattern.
 * Only cookie declarations are indexed; {@code localStorage} and {@code sessionStorage} keys are not cookies.
 */
public final class CookieIndex {

    private final Map<String, CookieMatch> exact = new HashMap<>();
    private final Map<String, CookieMatch> prefixes = new HashMap<>();
    private final int[] prefixLengths;

    CookieIndex(List<Service> services) {
        TreeSet<Integer> lengths = new TreeSet<>();
        for (Service service : services) {
            for (CookieDeclaration cookie : service.cookies()) {
                if (!cookie.isCookie()) {
                    continue;
                }
                CookieMatch match = new CookieMatch(cookie, service);
                if (cookie.isPattern()) {
                    prefixes.putIfAbsent(cookie.prefix(), match);
                    lengths.add(cookie.prefix().length());
                } else {
                    exact.putIfAbsent(cookie.name(), match);
                }
            }
        }
        prefixLengths = lengths.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The declaration a cookie name resolves to, if the policy declares it. */
    public Optional<CookieMatch> lookup(String cookieName) {
        return Optional.ofNullable(find(cookieName));
    }

    /** Like {@link #lookup(String)} without the {@code Optional}: {@code null} for an undeclared cookie. */
    public CookieMatch find(String cookieName) {
        if (cookieName == null) {
            return null;
        }
        CookieMatch match = exact.get(cookieName);
        if (match != null || prefixes.isEmpty()) {
            return match;
        }
        int length = cookieName.length();
        for (int prefixLength : prefixLengths) {
            if (prefixLength <= length) {
                match = prefixes.get(cookieName.substring(0, prefixLength));
                if (match != null) {
                    return match;
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CookieIndex[exact=" + exact.keySet() + ", prefixes=" + prefixes.keySet() + ", lengths=" + Arrays.toString(prefixLengths) + "]";
    }
}
