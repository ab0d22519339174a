package dev.samtykke.servlet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of the cookies the application set that the policy does not declare, so that a site
 * learns what its policy forgets. Each name is logged once at INFO (never a value); at most
 * {@value #MAX_NAMES} names are kept.
 */
public final class UndeclaredCookies {

    /** How many distinct names are remembered. */
    public static final int MAX_NAMES = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(UndeclaredCookies.class);

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final String policyId;
    private final UndeclaredCookiePolicy handling;

    UndeclaredCookies(String policyId, UndeclaredCookiePolicy handling) {
        this.policyId = policyId;
        this.handling = handling;
    }

    /**
     * Records that the application set an undeclared cookie; logs the first sighting of each name.
     *
     * @param cookieName the cookie's name
     */
    public void report(String cookieName) {
        if (names.contains(cookieName) || names.size() >= MAX_NAMES) {
            return;
        }
        if (names.add(cookieName)) {
            LOG.info("The application set cookie '{}', which policy '{}' does not declare; it was {} "
                    + "(undeclared cookies: {}). Declare it under the service that sets it.",
                    sanitise(cookieName), policyId, handling == UndeclaredCookiePolicy.ALLOW ? "let through" : "dropped",
                    handling.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static String sanitise(String name) {
        String shortened = name.length() > 100 ? name.substring(0, 100) + "…" : name;
        return shortened.replaceAll("[^\\x21-\\x7e]", "?");
    }

    /**
     * The names reported so far, sorted.
     *
     * @return an unmodifiable snapshot
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(names));
    }
}
