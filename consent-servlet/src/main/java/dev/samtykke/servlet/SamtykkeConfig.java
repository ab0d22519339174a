package dev.samtykke.servlet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the servlet adapter behaves: the consent cookie, the endpoints' base path and limits, what
 * happens to undeclared cookies, and which paths are tracking endpoints. Immutable; start from
 * {@link #ofDefaults()} or {@link #builder()}, derive with {@link #toBuilder()}.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@code cookieName}</td><td>automatic: {@value #HOST_COOKIE_NAME} on a secure request when no
 *       {@code cookieDomain} is set, else {@value #DEFAULT_COOKIE_NAME} (see {@link #cookieNameFor(boolean)})</td></tr>
 *   <tr><td>{@code cookieDomain}</td><td>none (host-only cookie)</td></tr>
 *   <tr><td>{@code alwaysSecureCookie}</td><td>{@code false}: {@code Secure} only on secure requests</td></tr>
 *   <tr><td>{@code basePath}</td><td>{@value #DEFAULT_BASE_PATH}</td></tr>
 *   <tr><td>{@code maxBodyBytes}</td><td>{@value #DEFAULT_MAX_BODY_BYTES}</td></tr>
 *   <tr><td>{@code undeclaredCookies}</td><td>{@link UndeclaredCookiePolicy#ALLOW} (and reported)</td></tr>
 *   <tr><td>{@code trackingPaths}</td><td>none</td></tr>
 *   <tr><td>{@code trustedOrigins}</td><td>none besides the request's own origin</td></tr>
 *   <tr><td>{@code decisionsPerMinute}</td><td>{@value #DEFAULT_DECISIONS_PER_MINUTE} ({@code 0}: no limit)</td></tr>
 * </table>
 *
 * @param cookieName the consent cookie's name, or {@code null} to choose it per request (see {@link #cookieNameFor(boolean)});
 *                   a name starting with {@code __Host-} or {@code __Secure-} is always marked {@code Secure}
 * @param cookieDomain the consent cookie's {@code Domain} attribute (to share it with subdomains), or {@code null}
 * @param alwaysSecureCookie mark the consent cookie {@code Secure} even on plain-HTTP requests (behind a
 *                           TLS-terminating proxy that the container does not know about)
 * @param basePath where the endpoints live, e.g. {@code /consent}; starts with {@code /}, no trailing slash
 * @param maxBodyBytes the largest request body {@code POST /consent} accepts
 * @param undeclaredCookies whether a cookie the policy does not declare may be set
 * @param trackingPaths paths answered with 204 unless their purposes are granted
 * @param trustedOrigins further origins ({@code https://www.example.com}) allowed to change consent, for
 *                       deployments where the container does not see the public scheme, host or port
 * @param decisionsPerMinute how many decisions ({@code POST} or {@code DELETE /consent}) one subject (the
 *                           pseudonymous id of a verified consent cookie) may make a minute, a minute's worth at
 *                           once at most; over it the answer is 429 with {@code Retry-After}. {@code 0} switches the
 *                           limit off. A visitor without a consent cookie is not limited by it.
 */
public record SamtykkeConfig(String cookieName, String cookieDomain, boolean alwaysSecureCookie, String basePath,
                             int maxBodyBytes, UndeclaredCookiePolicy undeclaredCookies, List<TrackingPath> trackingPaths,
                             Set<String> trustedOrigins, int decisionsPerMinute) {

    /** The consent cookie's name on plain-HTTP requests, or with a {@code cookieDomain}, when no name is configured. */
    public static final String DEFAULT_COOKIE_NAME = "consent";
    /** The consent cookie's name on secure requests without a {@code cookieDomain}, when no name is configured. */
    public static final String HOST_COOKIE_NAME = "__Host-consent";
    /** The default of {@code decisionsPerMinute}. */
    public static final int DEFAULT_DECISIONS_PER_MINUTE = 30;
    /** The largest {@code decisionsPerMinute}. */
    public static final int MAX_DECISIONS_PER_MINUTE = 60_000;
    /** The endpoints' default base path. */
    public static final String DEFAULT_BASE_PATH = "/consent";
    /** The default body limit of {@code POST /consent}: 8 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024;

    /** RFC 6265 token characters, the only ones a cookie name may hold. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    private static final Pattern DOMAIN = Pattern.compile("\\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public SamtykkeConfig {
        if (cookieName != null && !TOKEN.matcher(cookieName).matches()) {
            throw new IllegalArgumentException("cookieName '" + cookieName + "' is not a valid cookie name");
        }
        if (cookieDomain != null && (cookieDomain.isBlank() || !DOMAIN.matcher(cookieDomain).matches())) {
            throw new IllegalArgumentException("cookieDomain '" + cookieDomain + "' is not a domain name");
        }
        if (cookieName != null && cookieDomain != null && hasPrefix(cookieName, "__Host-")) {
            throw new IllegalArgumentException("cookieName '" + cookieName + "' cannot be used with cookieDomain '"
                    + cookieDomain + "': browsers accept a __Host- cookie only without a Domain (and with Secure and "
                    + "Path=/); leave cookieDomain unset, or choose a name without the __Host- prefix");
        }
        if (decisionsPerMinute < 0 || decisionsPerMinute > MAX_DECISIONS_PER_MINUTE) {
            throw new IllegalArgumentException("decisionsPerMinute " + decisionsPerMinute + " is outside 0.."
                    + MAX_DECISIONS_PER_MINUTE + " (0 switches the limit off)");
        }
        Objects.requireNonNull(basePath, "basePath");
        if (!BASE_PATH.matcher(basePath).matches()) {
            throw new IllegalArgumentException("basePath '" + basePath
                    + "' must start with '/', have no trailing '/' and only plain path characters, e.g. /consent");
        }
        if (maxBodyBytes < 64 || maxBodyBytes > 1024 * 1024) {
            throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " is outside 64..1048576");
        }
        Objects.requireNonNull(undeclaredCookies, "undeclaredCookies");
        trackingPaths = List.copyOf(Objects.requireNonNull(trackingPaths, "trackingPaths"));
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : Objects.requireNonNull(trustedOrigins, "trustedOrigins")) {
            origins.add(normaliseOrigin(origin));
        }
        trustedOrigins = Set.copyOf(origins);
    }

    /**
     * The consent cookie's name for a request: the configured {@code cookieName}; without one,
     * {@value #HOST_COOKIE_NAME} on a secure request when no {@code cookieDomain} is set (a host-only,
     * {@code Secure}, {@code Path=/} cookie, which neither a sibling subdomain nor a plain-HTTP page can set or
     * overwrite), else {@value #DEFAULT_COOKIE_NAME}.
     *
     * @param secure whether the request is secure (or {@code alwaysSecureCookie} is set)
     * @return the name to write and to read first
     */
    public String cookieNameFor(boolean secure) {
        if (cookieName != null) {
            return cookieName;
        }
        return secure && cookieDomain == null ? HOST_COOKIE_NAME : DEFAULT_COOKIE_NAME;
    }

    /**
     * The name the consent cookie had before the {@code __Host-} name came into force for a request, read when
     * the request carries no cookie under {@link #cookieNameFor(boolean)}: {@value #DEFAULT_COOKIE_NAME} where
     * the automatic name is {@value #HOST_COOKIE_NAME}, else none.
     *
     * @param secure whether the request is secure (or {@code alwaysSecureCookie} is set)
     * @return the legacy name, or {@code null}
     */
    public String legacyCookieNameFor(boolean secure) {
        return cookieNameFor(secure).equals(HOST_COOKIE_NAME) && cookieName == null ? DEFAULT_COOKIE_NAME : null;
    }

    /**
     * Whether a cookie name is one the consent cookie may have under this configuration.
     *
     * @param name a cookie name
     * @return {@code true} for the configured name, or for either automatic name
     */
    public boolean isConsentCookieName(String name) {
        return consentCookieNames().contains(name);
    }

    /**
     * Every name the consent cookie may have under this configuration: the configured one, or both automatic names.
     *
     * @return one or two names
     */
    public java.util.List<String> consentCookieNames() {
        return cookieName != null ? java.util.List.of(cookieName) : java.util.List.of(DEFAULT_COOKIE_NAME, HOST_COOKIE_NAME);
    }

    /**
     * Whether a cookie of this name must be marked {@code Secure} whatever the request: a {@code __Host-} or
     * {@code __Secure-} name (browsers drop such a cookie without {@code Secure}).
     *
     * @param name a cookie name
     * @return {@code true} for a prefixed name
     */
    public static boolean requiresSecure(String name) {
        return hasPrefix(name, "__Host-") || hasPrefix(name, "__Secure-");
    }

    private static boolean hasPrefix(String name, String prefix) {
        return name.regionMatches(true, 0, prefix, 0, prefix.length()); // browsers match the prefixes in any case
    }

    private static String normaliseOrigin(String origin) {
        Objects.requireNonNull(origin, "trusted origin");
        String o = origin.trim().toLowerCase(Locale.ROOT);
        while (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        if (!o.matches("https?://[a-z0-9.\\-\\[\\]:]+")) {
            throw new IllegalArgumentException("trusted origin '" + origin + "' must look like https://www.example.com[:port]");
        }
        if (o.startsWith("https://") && o.endsWith(":443")) {
            o = o.substring(0, o.length() - 4);
        } else if (o.startsWith("http://") && o.endsWith(":80")) {
            o = o.substring(0, o.length() - 3);
        }
        return o;
    }

    /**
     * The defaults listed in the class description.
     *
     * @return the default configuration
     */
    public static SamtykkeConfig ofDefaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this configuration.
     *
     * @return a new builder holding these settings
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cookieName = cookieName;
        b.cookieDomain = cookieDomain;
        b.alwaysSecureCookie = alwaysSecureCookie;
        b.basePath = basePath;
        b.maxBodyBytes = maxBodyBytes;
        b.undeclaredCookies = undeclaredCookies;
        b.trackingPaths = new ArrayList<>(trackingPaths);
        b.trustedOrigins = new LinkedHashSet<>(trustedOrigins);
        b.decisionsPerMinute = decisionsPerMinute;
        return b;
    }

    /** Builds a {@link SamtykkeConfig}; every setting starts at its default. */
    public static final class Builder {
        private String cookieName;
        private String cookieDomain;
        private boolean alwaysSecureCookie;
        private String basePath = DEFAULT_BASE_PATH;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private UndeclaredCookiePolicy undeclaredCookies = UndeclaredCookiePolicy.ALLOW;
        private List<TrackingPath> trackingPaths = new ArrayList<>();
        private Set<String> trustedOrigins = new LinkedHashSet<>();
        private int decisionsPerMinute = DEFAULT_DECISIONS_PER_MINUTE;

        private Builder() {
        }

        /**
         * Sets the consent cookie's name (by default it is chosen per request: {@link SamtykkeConfig#cookieNameFor(boolean)}).
         *
         * @param cookieName an RFC 6265 token, or {@code null} for the automatic name
         * @return this builder
         */
        public Builder cookieName(String cookieName) {
            this.cookieName = cookieName;
            return this;
        }

        /**
         * Sets the consent cookie's {@code Domain} attribute, to share one decision across subdomains.
         *
         * @param cookieDomain e.g. {@code example.com}, or {@code null} for a host-only cookie
         * @return this builder
         */
        public Builder cookieDomain(String cookieDomain) {
            this.cookieDomain = cookieDomain;
            return this;
        }

        /**
         * Marks the consent cookie {@code Secure} on every response, not only on secure requests.
         *
         * @param alwaysSecureCookie whether to always add {@code Secure}
         * @return this builder
         */
        public Builder alwaysSecureCookie(boolean alwaysSecureCookie) {
            this.alwaysSecureCookie = alwaysSecureCookie;
            return this;
        }

        /**
         * Sets where the endpoints live.
         *
         * @param basePath e.g. {@code /consent}
         * @return this builder
         */
        public Builder basePath(String basePath) {
            this.basePath = basePath;
            return this;
        }

        /**
         * Sets the body limit of {@code POST /consent}.
         *
         * @param maxBodyBytes bytes, 64 to 1 MiB
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Sets whether cookies the policy does not declare may be set.
         *
         * @param undeclaredCookies allow (default) or block; they are reported either way
         * @return this builder
         */
        public Builder undeclaredCookies(UndeclaredCookiePolicy undeclaredCookies) {
            this.undeclaredCookies = undeclaredCookies;
            return this;
        }

        /**
         * Adds a tracking path.
         *
         * @param pattern e.g. {@code /collect/**}; see {@link TrackingPath}
         * @param purposeIds the purposes that must all be granted
         * @return this builder
         */
        public Builder trackingPath(String pattern, String... purposeIds) {
            this.trackingPaths.add(TrackingPath.of(pattern, purposeIds));
            return this;
        }

        /**
         * Replaces the tracking paths.
         *
         * @param trackingPaths the paths
         * @return this builder
         */
        public Builder trackingPaths(List<TrackingPath> trackingPaths) {
            this.trackingPaths = new ArrayList<>(trackingPaths);
            return this;
        }

        /**
         * Adds an origin allowed to change consent besides the request's own.
         *
         * @param origin e.g. {@code https://www.example.com}
         * @return this builder
         */
        public Builder trustedOrigin(String origin) {
            this.trustedOrigins.add(origin);
            return this;
        }

        /**
         * Replaces the trusted origins.
         *
         * @param origins the origins
         * @return this builder
         */
        public Builder trustedOrigins(Set<String> origins) {
            this.trustedOrigins = new LinkedHashSet<>(origins);
            return this;
        }

        /**
         * Sets how many decisions one subject may make a minute.
         *
         * @param decisionsPerMinute 1 to {@value SamtykkeConfig#MAX_DECISIONS_PER_MINUTE}, or {@code 0} for no limit
         * @return this builder
         */
        public Builder decisionsPerMinute(int decisionsPerMinute) {
            this.decisionsPerMinute = decisionsPerMinute;
            return this;
        }

        /**
         * Builds and validates the configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the setting that is wrong
         */
        public SamtykkeConfig build() {
            return new SamtykkeConfig(cookieName, cookieDomain, alwaysSecureCookie, basePath, maxBodyBytes,
                    undeclaredCookies, trackingPaths, trustedOrigins, decisionsPerMinute);
        }
    }
}
