package dev.samtykke.servlet;

import dev.samtykke.core.consent.AccountKey;
import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentEvaluator;
import dev.samtykke.core.consent.ConsentState;
import dev.samtykke.core.cookie.ConsentCookieCodec;
import dev.samtykke.core.cookie.CookieDecodeResult;
import dev.samtykke.core.cookie.KeyRing;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.NoticeHash;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.signal.GlobalPrivacyControl;
import dev.samtykke.core.stats.ConsentStats;
import dev.samtykke.core.stats.InMemoryConsentStats;
import dev.samtykke.servlet.internal.Asset;
import dev.samtykke.servlet.internal.CookieGate;
import dev.samtykke.servlet.internal.CookieViolations;
import dev.samtykke.servlet.internal.CookieHeaders;
import dev.samtykke.servlet.internal.DecisionRateLimiter;
import dev.samtykke.servlet.internal.InitParameters;
import dev.samtykke.servlet.internal.PolicyDocument;
import dev.samtykke.servlet.internal.VerifiedCookies;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Samtykke for a servlet application without a framework: one policy, the keys that sign the consent
 * cookie, a ledger, and the {@link ConsentFilter} and {@link ConsentEndpoints} that use them.
 *
 * <pre>{@code
 * Samtykke samtykke = Samtykke.builder()
 *         .policy(PolicyLoader.fromClasspath("policy.json"))
 *         .keys(KeyRing.fromBase64("k1", System.getenv("SAMTYKKE_SIGNING_KEY"), Map.of()))
 *         .ledger(new JdbcConsentLedger(dataSource))
 *         .config(SamtykkeConfig.builder().trackingPath("/collect/**", "analytics").build())
 *         .build();
 * FilterRegistration.Dynamic filter = context.addFilter("samtykke", samtykke.filter());
 * filter.setAsyncSupported(true);
 * filter.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*"); // every dispatch type
 * context.addServlet("samtykke-endpoints", samtykke.endpoints()).addMapping(samtykke.endpointsMapping());
 * }</pre>
 *
 * <p>With {@code web.xml} instead, declare {@link ConsentFilter} and {@link ConsentEndpoints} by class
 * and configure them with {@code samtykke.*} init or context parameters (see {@code docs/servlet.md});
 * they share one instance through the servlet context attribute {@link #CONTEXT_ATTRIBUTE}.
 */
public final class Samtykke {

    /** The request attribute holding the request's {@link ConsentState}. */
    public static final String STATE_ATTRIBUTE = ConsentState.class.getName();
    /** The servlet context attribute under which a {@code Samtykke} is shared by filter and endpoints. */
    public static final String CONTEXT_ATTRIBUTE = Samtykke.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(Samtykke.class);
    private static final String COOKIE = "Cookie";

    private final ConsentPolicy policy;
    private final ConsentLedger ledger;
    private final ConsentStats stats;
    private final Clock clock;
    private final SamtykkeConfig config;
    private final ConsentEvaluator evaluator;
    private final ConsentCookieCodec codec;
    private final VerifiedCookies verifiedCookies;
    private final UndeclaredCookies undeclaredCookies;
    private final CookieGate cookieGate;
    private final CookieViolations cookieViolations;
    private final List<Gate> trackingGates;
    private final PolicyDocument policyDocument;
    private final Map<Locale, String> noticeHashes;
    private final SamtykkeListener listener;
    private final Asset bannerScript;
    private final Asset bannerStyle;
    private final Asset embedScript;
    private final Asset embedStyle;
    private final ConsentFilter filter;
    private final ConsentEndpoints endpoints;
    private final DecisionRateLimiter decisionLimiter;
    private final AccountLinks accountLinks;

    /**
     * The consent cookie a request carries.
     *
     * @param name the name it arrived under
     * @param value its value
     * @param legacy whether it arrived under the legacy name ({@link SamtykkeConfig#legacyCookieNameFor(boolean)})
     */
    record ConsentCookie(String name, String value, boolean legacy) {
    }

    /** A tracking path compiled for matching. */
    record Gate(TrackingPath path, TrackingPath.Matcher matcher) {
    }

    private Samtykke(Builder b) {
        this.policy = Objects.requireNonNull(b.policy, "policy is required: policy(PolicyLoader.fromClasspath(...))");
        KeyRing keys = Objects.requireNonNull(b.keys,
                "keys are required: keys(KeyRing.fromBase64(...)), or KeyRing.development() for local development only");
        if (b.ledger == null) {
            InMemoryConsentLedger memory = new InMemoryConsentLedger();
            LOG.warn("No consent ledger configured: consent records are kept in memory only, at most {} (then the oldest"
                    + " are dropped), and are lost on restart; give production a JdbcConsentLedger on a DataSource",
                    memory.maxRecords());
            this.ledger = memory;
        } else {
            this.ledger = b.ledger;
        }
        this.stats = b.stats != null ? b.stats : new InMemoryConsentStats();
        this.clock = b.clock;
        this.config = b.config;
        List<String> unknown = new ArrayList<>();
        List<Gate> gates = new ArrayList<>();
        for (TrackingPath path : config.trackingPaths()) {
            for (String purpose : path.purposes()) {
                if (policy.purpose(purpose).isEmpty()) {
                    unknown.add(path.pattern() + " -> " + purpose);
                }
            }
            gates.add(new Gate(path, path.matcher()));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Tracking paths name purposes that policy '" + policy.id()
                    + "' does not have: " + String.join(", ", unknown));
        }
        this.trackingGates = List.copyOf(gates);
        this.evaluator = new ConsentEvaluator(policy, clock);
        this.codec = new ConsentCookieCodec(keys, policy, clock);
        this.verifiedCookies = new VerifiedCookies(codec);
        this.undeclaredCookies = new UndeclaredCookies(policy.id(), config.undeclaredCookies());
        this.listener = new Listeners(List.copyOf(b.listeners));
        // the name a plain-HTTP response may carry; the endpoints write the consent cookie itself below the gate
        this.cookieGate = new CookieGate(config.consentCookieNames(), policy.cookies(), config.undeclaredCookies(),
                undeclaredCookies, clock, listener);
        this.cookieViolations = new CookieViolations(policy, config.consentCookieNames(), config.basePath(),
                config.undeclaredCookies(), config.cookieDomain(), config.alwaysSecureCookie(), listener);
        this.policyDocument = new PolicyDocument(policy);
        Map<Locale, String> hashes = new HashMap<>();
        for (Locale locale : policy.locales()) {
            hashes.put(locale, NoticeHash.of(policy, locale));
        }
        this.noticeHashes = Map.copyOf(hashes);
        this.bannerScript = Asset.loadCompact("/dev/samtykke/servlet/assets/banner.js", "text/javascript; charset=utf-8");
        this.bannerStyle = Asset.loadCompact("/dev/samtykke/servlet/assets/banner.css", "text/css; charset=utf-8");
        this.embedScript = Asset.loadCompact("/dev/samtykke/servlet/assets/embed.js", "text/javascript; charset=utf-8");
        this.embedStyle = Asset.loadCompact("/dev/samtykke/servlet/assets/embed.css", "text/css; charset=utf-8");
        this.decisionLimiter = config.decisionsPerMinute() > 0
                ? new DecisionRateLimiter(config.decisionsPerMinute(), clock) : null;
        this.accountLinks = b.subjectResolver == null ? null : new AccountLinks(this, b.subjectResolver,
                b.accountKey != null ? b.accountKey : new AccountKey(keys.derivedKey("account")));
        this.filter = new ConsentFilter(this);
        this.endpoints = new ConsentEndpoints(this);
    }

    /**
     * A builder; {@code policy} and {@code keys} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The filter that resolves each request's consent and enforces it; register it for {@code /*} and
     * every dispatch type, async-supported (see {@link ConsentFilter}).
     *
     * @return the filter (one instance per {@code Samtykke})
     */
    public ConsentFilter filter() {
        return filter;
    }

    /**
     * The servlet answering the consent endpoints; register it for {@link #endpointsMapping()}.
     *
     * @return the servlet (one instance per {@code Samtykke})
     */
    public ConsentEndpoints endpoints() {
        return endpoints;
    }

    /**
     * The URL pattern to map {@link #endpoints()} to: the base path followed by {@code /*}.
     *
     * @return e.g. {@code /consent/*}
     */
    public String endpointsMapping() {
        return config.basePath() + "/*";
    }

    /**
     * The policy.
     *
     * @return the policy
     */
    public ConsentPolicy policy() {
        return policy;
    }

    /**
     * The ledger decisions are recorded in.
     *
     * @return the ledger
     */
    public ConsentLedger ledger() {
        return ledger;
    }

    /**
     * The counters of impressions and decisions (no personal data), for the privacy console.
     *
     * @return the counters
     */
    public ConsentStats stats() {
        return stats;
    }

    /**
     * Counts a recorded decision; a failure of the counters is logged and never changes the answer.
     *
     * @param decision the decision
     * @param shown    the locale the notice was shown in
     */
    void countDecision(ConsentDecision decision, Locale shown) {
        try {
            stats.decision(decision, shown.toLanguageTag());
        } catch (RuntimeException e) {
            LOG.warn("The consent counters could not count a {} decision: {}", decision.method().id(), e.toString());
        }
    }

    /**
     * Counts a first-layer impression of the banner today (UTC); a failure is logged and otherwise ignored.
     *
     * @param shown the locale the banner was shown in (one of the policy's)
     */
    void countImpression(Locale shown) {
        try {
            stats.impression(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), policy.version().toString(),
                    shown.toLanguageTag());
        } catch (RuntimeException e) {
            LOG.warn("The consent counters could not count an impression: {}", e.toString());
        }
    }

    /**
     * The configuration.
     *
     * @return the configuration
     */
    public SamtykkeConfig config() {
        return config;
    }

    /**
     * The evaluator, for application code that decides on a visitor's behalf.
     *
     * @return the evaluator
     */
    public ConsentEvaluator evaluator() {
        return evaluator;
    }

    /**
     * The cookies the application set that the policy does not declare.
     *
     * @return the report
     */
    public UndeclaredCookies undeclaredCookies() {
        return undeclaredCookies;
    }

    /**
     * The consent of a request: the one {@link ConsentFilter} resolved, else resolved now from the
     * request's consent cookie and {@code Sec-GPC} header (and kept as the request attribute
     * {@link #STATE_ATTRIBUTE}).
     *
     * @param request the request
     * @return the request's consent state
     */
    public ConsentState resolve(HttpServletRequest request) {
        Object existing = request.getAttribute(STATE_ATTRIBUTE);
        if (existing instanceof ConsentState state) {
            return state;
        }
        return resolveNow(request);
    }

    /**
     * The consent of a request resolved now, without looking for one resolved before, and kept as the
     * request attribute: for the filter's first pass, as request attributes are not free in every
     * container (about 0.1 µs each in Jetty 12).
     */
    ConsentState resolveNow(HttpServletRequest request) {
        return resolveNow(request, request.getHeader(COOKIE));
    }

    /**
     * {@link #resolveNow(HttpServletRequest)} given the request's first {@code Cookie} header, for the
     * filter, which reads it once for this and for {@link CookieViolations}.
     */
    ConsentState resolveNow(HttpServletRequest request, String firstCookieHeader) {
        long now = clock.millis(); // once, for decoding and evaluating
        ConsentCookie cookie = findCookie(request, firstCookieHeader);
        ConsentDecision decision = verifiedCookies.decode(cookie == null ? null : cookie.value(), now)
                .decision().orElse(null);
        ConsentState state = evaluator.evaluate(decision, GlobalPrivacyControl.isSignalled(request.getHeader("Sec-GPC")),
                now);
        request.setAttribute(STATE_ATTRIBUTE, state);
        return state;
    }

    /** The request's consent cookie decoded and verified (a "missing" result without one); never throws. */
    CookieDecodeResult decodeCookie(HttpServletRequest request) {
        ConsentCookie cookie = findCookie(request);
        return verifiedCookies.decode(cookie == null ? null : cookie.value());
    }

    /**
     * The consent cookie of a request: under the name in force for it ({@link SamtykkeConfig#cookieNameFor}),
     * else under the legacy name (a visitor whose cookie predates the {@code __Host-} name keeps the decision).
     * The one place that knows which names to read.
     *
     * @return the cookie, or {@code null} if the request carries none
     */
    ConsentCookie findCookie(HttpServletRequest request) {
        return findCookie(request, request.getHeader(COOKIE));
    }

    /** {@link #findCookie(HttpServletRequest)} given the request's first {@code Cookie} header ({@code null}: none). */
    private ConsentCookie findCookie(HttpServletRequest request, String firstCookieHeader) {
        boolean secure = secureCookie(request);
        String name = config.cookieNameFor(secure);
        String value = CookieHeaders.find(request, firstCookieHeader, name);
        if (value != null) {
            return new ConsentCookie(name, value, false);
        }
        String legacy = config.legacyCookieNameFor(secure);
        if (legacy != null && (value = CookieHeaders.find(request, firstCookieHeader, legacy)) != null) {
            return new ConsentCookie(legacy, value, true);
        }
        return null;
    }

    /** Whether the consent cookie of a request's answer is {@code Secure}: on a secure request, or by configuration. */
    boolean secureCookie(HttpServletRequest request) {
        return config.alwaysSecureCookie() || request.isSecure();
    }

    /** The per-subject limit of decisions, or {@code null} when switched off. */
    DecisionRateLimiter decisionLimiter() {
        return decisionLimiter;
    }

    /** Consent that follows a signed-in account, or {@code null} without a {@link SubjectResolver}. */
    AccountLinks accountLinks() {
        return accountLinks;
    }

    ConsentCookieCodec codec() {
        return codec;
    }

    Clock clock() {
        return clock;
    }

    CookieGate cookieGate() {
        return cookieGate;
    }

    CookieViolations cookieViolations() {
        return cookieViolations;
    }

    List<Gate> trackingGates() {
        return trackingGates;
    }

    PolicyDocument policyDocument() {
        return policyDocument;
    }

    /** The registered listeners as one, each call isolated from the others' failures. */
    SamtykkeListener listener() {
        return listener;
    }

    /** The notice hash of a policy locale, computed once at start-up (hashed on demand for any other locale). */
    String noticeHash(Locale locale) {
        String hash = noticeHashes.get(locale);
        return hash != null ? hash : NoticeHash.of(policy, locale);
    }

    Asset bannerScript() {
        return bannerScript;
    }

    Asset bannerStyle() {
        return bannerStyle;
    }

    /** The click-to-load placeholders' script, which banner.js loads only on pages with gated embeds. */
    Asset embedScript() {
        return embedScript;
    }

    Asset embedStyle() {
        return embedStyle;
    }

    /**
     * The instance shared in a servlet context: the one stored under {@link #CONTEXT_ATTRIBUTE}, else one
     * built from {@code samtykke.*} parameters (the component's init parameters first, then the context's)
     * and stored there.
     */
    static Samtykke obtain(ServletContext context, Function<String, String> initParameter) throws ServletException {
        synchronized (context) {
            Object existing = context.getAttribute(CONTEXT_ATTRIBUTE);
            if (existing instanceof Samtykke samtykke) {
                return samtykke;
            }
            Function<String, String> parameter = name -> {
                String value = initParameter.apply(name);
                return value != null ? value : context.getInitParameter(name);
            };
            try {
                Samtykke samtykke = InitParameters.configure(parameter, System::getenv).build();
                context.setAttribute(CONTEXT_ATTRIBUTE, samtykke);
                return samtykke;
            } catch (RuntimeException e) {
                throw new ServletException("Samtykke cannot start: " + e.getMessage(), e);
            }
        }
    }

    /** Calls every listener in turn; a listener's exception is logged (without its message) and skipped. */
    private record Listeners(List<SamtykkeListener> all) implements SamtykkeListener {

        @Override
        public void decisionRecorded(ConsentDecision decision) {
            for (SamtykkeListener l : all) {
                try {
                    l.decisionRecorded(decision);
                } catch (RuntimeException e) {
                    failed(l, e);
                }
            }
        }

        @Override
        public void cookieBlocked(String cookieName, boolean declared) {
            for (SamtykkeListener l : all) {
                try {
                    l.cookieBlocked(cookieName, declared);
                } catch (RuntimeException e) {
                    failed(l, e);
                }
            }
        }

        @Override
        public void undeclaredCookie(String cookieName) {
            for (SamtykkeListener l : all) {
                try {
                    l.undeclaredCookie(cookieName);
                } catch (RuntimeException e) {
                    failed(l, e);
                }
            }
        }

        @Override
        public void cookieViolation(String cookieName, String declaredAs) {
            for (SamtykkeListener l : all) {
                try {
                    l.cookieViolation(cookieName, declaredAs);
                } catch (RuntimeException e) {
                    failed(l, e);
                }
            }
        }

        private static void failed(SamtykkeListener l, RuntimeException e) {
            LOG.warn("SamtykkeListener {} failed with {}; ignored", l.getClass().getName(), e.getClass().getName());
        }
    }

    /** Builds a {@link Samtykke}. */
    public static final class Builder {
        private ConsentPolicy policy;
        private KeyRing keys;
        private ConsentLedger ledger;
        private ConsentStats stats;
        private Clock clock = Clock.systemUTC();
        private SamtykkeConfig config = SamtykkeConfig.ofDefaults();
        private final List<SamtykkeListener> listeners = new ArrayList<>();
        private SubjectResolver subjectResolver;
        private AccountKey accountKey;

        private Builder() {
        }

        /**
         * Adds a listener told of recorded decisions, of blocked and undeclared cookies and of cookies
         * requests carry against their consent; listeners are called in the order they were added.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(SamtykkeListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets the policy (required).
         *
         * @param policy the loaded policy
         * @return this builder
         */
        public Builder policy(ConsentPolicy policy) {
            this.policy = policy;
            return this;
        }

        /**
         * Sets the keys that sign and verify the consent cookie (required).
         *
         * @param keys the key ring
         * @return this builder
         */
        public Builder keys(KeyRing keys) {
            this.keys = keys;
            return this;
        }

        /**
         * Sets the ledger decisions are recorded in (default: in memory, with a warning).
         *
         * @param ledger the ledger
         * @return this builder
         */
        public Builder ledger(ConsentLedger ledger) {
            this.ledger = ledger;
            return this;
        }

        /**
         * Sets the counters of impressions and decisions the privacy console shows (default: in memory,
         * {@link InMemoryConsentStats}); e.g. a {@link dev.samtykke.core.stats.jdbc.JdbcConsentStats} to keep them.
         *
         * @param stats the counters
         * @return this builder
         */
        public Builder stats(ConsentStats stats) {
            this.stats = Objects.requireNonNull(stats, "stats");
            return this;
        }

        /**
         * Lets decisions follow a signed-in account from device to device (off by default): see
         * {@link SubjectResolver}. Each request of a signed-in visitor then reads the account's latest record from
         * the ledger (one indexed look-up).
         *
         * @param resolver names the request's signed-in account, e.g. {@link SubjectResolver#userPrincipal()}
         * @return this builder
         */
        public Builder subjectResolver(SubjectResolver resolver) {
            this.subjectResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * The key that turns account names into the account subject ids of the ledger (default: one derived from the
         * signing key, {@link KeyRing#derivedKey}, which changes when the signing key is rotated, so that accounts
         * then lose the link to their earlier decisions; give a key of its own to keep it).
         *
         * @param key the account key
         * @return this builder
         */
        public Builder accountKey(AccountKey key) {
            this.accountKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Sets the clock (default: the system clock in UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the configuration (default: {@link SamtykkeConfig#ofDefaults()}).
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(SamtykkeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Builds the instance.
         *
         * @return the instance
         * @throws NullPointerException if the policy or the keys are missing
         * @throws IllegalArgumentException if a tracking path names a purpose the policy lacks
         */
        public Samtykke build() {
            return new Samtykke(this);
        }
    }
}
