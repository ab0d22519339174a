package dev.samtykke.spring;

import dev.samtykke.core.ledger.jdbc.SchemaManagement;
import dev.samtykke.servlet.UndeclaredCookiePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code samtykke.*} properties of a Spring Boot application; see {@code docs/spring.md} for the
 * table of properties and their defaults.
 */
@ConfigurationProperties(SamtykkeProperties.PREFIX)
public class SamtykkeProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "samtykke";
    /** The default policy location. */
    public static final String DEFAULT_POLICY = "classpath:consent-policy.json";
    /** The default order of the consent filter: early, right after the character-encoding filter. */
    public static final int DEFAULT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /**
     * Whether Samtykke is active: the consent filter, the endpoints, @RequiresConsent and the template bean.
     */
    private boolean enabled = true;

    /**
     * Where the consent policy is: "classpath:...", "file:..." or a file path. JSON, or YAML when the
     * name ends in ".yaml" or ".yml".
     */
    private String policy = DEFAULT_POLICY;

    /**
     * Development mode: without a configured signing key, consent cookies are signed with a random key
     * that is lost on restart. Outside development mode a missing signing key stops start-up.
     */
    private boolean development = false;

    /**
     * Tracking paths: a URL pattern ("/collect/**", "/px/*.gif") to the purposes that must all be
     * granted; otherwise the request is answered 204 without running the application. Write the pattern
     * in brackets: samtykke.tracking-paths.[/collect/**]=analytics.
     */
    private Map<String, List<String>> trackingPaths = new LinkedHashMap<>();

    /**
     * What happens to a cookie the application sets that the policy does not declare: "allow" lets it
     * through, "block" drops it. It is reported either way.
     */
    private UndeclaredCookiePolicy undeclaredCookies = UndeclaredCookiePolicy.ALLOW;

    /**
     * Order of the consent filter among the servlet filters (default: Ordered.HIGHEST_PRECEDENCE + 10,
     * early, before Spring Security's filter chain).
     */
    private int filterOrder = -2147483638; // DEFAULT_FILTER_ORDER as a literal, for the metadata

    /**
     * How many times a minute one visitor (the pseudonymous id of a verified consent cookie) may change
     * its consent, a minute's worth at once at most; over it POST and DELETE /consent answer 429 with
     * Retry-After and change nothing. 0 switches the limit off. A visitor without a consent cookie is not
     * limited by it.
     */
    private int decisionsPerMinute = 30;

    private final Keys keys = new Keys();
    private final Cookie cookie = new Cookie();
    private final Ledger ledger = new Ledger();
    private final Endpoints endpoints = new Endpoints();
    private final Web web = new Web();

    /**
     * Whether Samtykke is active.
     *
     * @return {@code true} by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Switches Samtykke on or off.
     *
     * @param enabled whether it is active
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The policy location.
     *
     * @return e.g. {@code classpath:consent-policy.json}
     */
    public String getPolicy() {
        return policy;
    }

    /**
     * Sets the policy location.
     *
     * @param policy {@code classpath:…}, {@code file:…} or a path
     */
    public void setPolicy(String policy) {
        this.policy = policy;
    }

    /**
     * Whether development mode is on.
     *
     * @return {@code false} by default
     */
    public boolean isDevelopment() {
        return development;
    }

    /**
     * Switches development mode.
     *
     * @param development whether a random signing key may be used when none is configured
     */
    public void setDevelopment(boolean development) {
        this.development = development;
    }

    /**
     * The tracking paths.
     *
     * @return pattern to purpose ids
     */
    public Map<String, List<String>> getTrackingPaths() {
        return trackingPaths;
    }

    /**
     * Sets the tracking paths.
     *
     * @param trackingPaths pattern to purpose ids
     */
    public void setTrackingPaths(Map<String, List<String>> trackingPaths) {
        this.trackingPaths = trackingPaths;
    }

    /**
     * The handling of undeclared cookies.
     *
     * @return {@link UndeclaredCookiePolicy#ALLOW} by default
     */
    public UndeclaredCookiePolicy getUndeclaredCookies() {
        return undeclaredCookies;
    }

    /**
     * Sets the handling of undeclared cookies.
     *
     * @param undeclaredCookies allow or block
     */
    public void setUndeclaredCookies(UndeclaredCookiePolicy undeclaredCookies) {
        this.undeclaredCookies = undeclaredCookies;
    }

    /**
     * The consent filter's order.
     *
     * @return {@link #DEFAULT_FILTER_ORDER} by default
     */
    public int getFilterOrder() {
        return filterOrder;
    }

    /**
     * Sets the consent filter's order.
     *
     * @param filterOrder the order
     */
    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    /**
     * How many times a minute one visitor may change its consent.
     *
     * @return {@code 30} by default; {@code 0} for no limit
     */
    public int getDecisionsPerMinute() {
        return decisionsPerMinute;
    }

    /**
     * Sets how many times a minute one visitor may change its consent.
     *
     * @param decisionsPerMinute 1 to 60000, or 0 for no limit
     */
    public void setDecisionsPerMinute(int decisionsPerMinute) {
        this.decisionsPerMinute = decisionsPerMinute;
    }

    /**
     * The signing keys.
     *
     * @return the key settings
     */
    public Keys getKeys() {
        return keys;
    }

    /**
     * The consent cookie.
     *
     * @return the cookie settings
     */
    public Cookie getCookie() {
        return cookie;
    }

    /**
     * The consent ledger.
     *
     * @return the ledger settings
     */
    public Ledger getLedger() {
        return ledger;
    }

    /**
     * The consent endpoints.
     *
     * @return the endpoint settings
     */
    public Endpoints getEndpoints() {
        return endpoints;
    }

    /**
     * Spring MVC enforcement.
     *
     * @return the web settings
     */
    public Web getWeb() {
        return web;
    }

    /** The keys that sign and verify the consent cookie. */
    public static class Keys {

        /**
         * Id of the signing key, written into each cookie it signs (1 to 32 of A-Z a-z 0-9 _ . -).
         */
        private String signingKeyId = "k1";

        /**
         * The signing key: at least 32 random bytes in base64, e.g. from "openssl rand -base64 32".
         * Required unless samtykke.development=true.
         */
        private String signingKey;

        /**
         * Older keys that still verify cookies (key rotation): key id to base64 key.
         */
        private Map<String, String> verifyingKeys = new LinkedHashMap<>();

        /**
         * The signing key's id.
         *
         * @return {@code k1} by default
         */
        public String getSigningKeyId() {
            return signingKeyId;
        }

        /**
         * Sets the signing key's id.
         *
         * @param signingKeyId the id
         */
        public void setSigningKeyId(String signingKeyId) {
            this.signingKeyId = signingKeyId;
        }

        /**
         * The signing key, base64.
         *
         * @return the key, or {@code null}
         */
        public String getSigningKey() {
            return signingKey;
        }

        /**
         * Sets the signing key.
         *
         * @param signingKey at least 32 bytes, base64
         */
        public void setSigningKey(String signingKey) {
            this.signingKey = signingKey;
        }

        /**
         * The verifying keys.
         *
         * @return key id to base64 key
         */
        public Map<String, String> getVerifyingKeys() {
            return verifyingKeys;
        }

        /**
         * Sets the verifying keys.
         *
         * @param verifyingKeys key id to base64 key
         */
        public void setVerifyingKeys(Map<String, String> verifyingKeys) {
            this.verifyingKeys = verifyingKeys;
        }
    }

    /** The consent cookie. */
    public static class Cookie {

        /**
         * Name of the consent cookie. Unset: "__Host-consent" on HTTPS requests when no domain is set
         * (a host-only Secure cookie that subdomains and plain-HTTP pages cannot set or overwrite), else
         * "consent"; a cookie under "consent" is still read on HTTPS and re-issued under the new name.
         */
        private String name;

        /**
         * Domain attribute of the consent cookie, to share one decision with subdomains (e.g.
         * "example.com"). Unset: a host-only cookie.
         */
        private String domain;

        /**
         * Mark the consent cookie Secure on every response, not only on HTTPS requests (behind a
         * TLS-terminating proxy the container does not know about).
         */
        private boolean alwaysSecure = false;

        /**
         * How long a decision that grants lasts (ISO-8601, e.g. "P6M"), and so the cookie's Max-Age.
         * Unset: the policy's consentLifetime (P12M when the policy names none).
         */
        private String consentLifetime;

        /**
         * How long a decision that only refuses lasts (ISO-8601, e.g. "P6M"). Unset: the policy's
         * refusalLifetime (P6M when the policy names none).
         */
        private String refusalLifetime;

        /**
         * The cookie's name.
         *
         * @return {@code null} by default: chosen per request
         */
        public String getName() {
            return name;
        }

        /**
         * Sets the cookie's name.
         *
         * @param name an RFC 6265 token
         */
        public void setName(String name) {
            this.name = name;
        }

        /**
         * The cookie's domain.
         *
         * @return the domain, or {@code null}
         */
        public String getDomain() {
            return domain;
        }

        /**
         * Sets the cookie's domain.
         *
         * @param domain e.g. {@code example.com}
         */
        public void setDomain(String domain) {
            this.domain = domain;
        }

        /**
         * Whether the cookie is always {@code Secure}.
         *
         * @return {@code false} by default
         */
        public boolean isAlwaysSecure() {
            return alwaysSecure;
        }

        /**
         * Sets whether the cookie is always {@code Secure}.
         *
         * @param alwaysSecure whether to add {@code Secure} on plain-HTTP requests too
         */
        public void setAlwaysSecure(boolean alwaysSecure) {
            this.alwaysSecure = alwaysSecure;
        }

        /**
         * The lifetime of a granting decision, overriding the policy's.
         *
         * @return an ISO-8601 period, or {@code null} for the policy's
         */
        public String getConsentLifetime() {
            return consentLifetime;
        }

        /**
         * Overrides the policy's consent lifetime.
         *
         * @param consentLifetime e.g. {@code P6M}
         */
        public void setConsentLifetime(String consentLifetime) {
            this.consentLifetime = consentLifetime;
        }

        /**
         * The lifetime of a refusing decision, overriding the policy's.
         *
         * @return an ISO-8601 period, or {@code null} for the policy's
         */
        public String getRefusalLifetime() {
            return refusalLifetime;
        }

        /**
         * Overrides the policy's refusal lifetime.
         *
         * @param refusalLifetime e.g. {@code P3M}
         */
        public void setRefusalLifetime(String refusalLifetime) {
            this.refusalLifetime = refusalLifetime;
        }
    }

    /** Where decisions are recorded. */
    public static class Ledger {

        /**
         * The ledger: "memory" (lost on restart) or "jdbc" (tables in the application's DataSource,
         * created on start). Unset: jdbc when the application has a DataSource bean, else memory.
         */
        private LedgerType type;

        /**
         * Prefix of the JDBC ledger's table names.
         */
        private String tablePrefix = "samtykke_";

        /**
         * Who creates and upgrades the JDBC ledger's tables: "create" (the ledger, on start) or "none"
         * (the application, with Samtykke's Flyway migrations in classpath:db/samtykke; the ledger only
         * checks the tables on start and stops it if they are missing or older).
         */
        private SchemaManagement schema = SchemaManagement.CREATE;

        /**
         * On PostgreSQL: "monthly" range-partitions the JDBC ledger's record table by month, so that purges drop whole
         * partitions (a new ledger only); "none" keeps one table.
         */
        private Partitioning partitioning = Partitioning.NONE;

        /**
         * How the JDBC ledger's record table is partitioned.
         *
         * @return {@code none} by default
         */
        public Partitioning getPartitioning() {
            return partitioning;
        }

        /**
         * Sets how the JDBC ledger's record table is partitioned.
         *
         * @param partitioning none or monthly (PostgreSQL)
         */
        public void setPartitioning(Partitioning partitioning) {
            this.partitioning = partitioning;
        }

        /**
         * The ledger type.
         *
         * @return the type, or {@code null} to choose by the presence of a {@code DataSource}
         */
        public LedgerType getType() {
            return type;
        }

        /**
         * Sets the ledger type.
         *
         * @param type memory or jdbc
         */
        public void setType(LedgerType type) {
            this.type = type;
        }

        /**
         * The JDBC table prefix.
         *
         * @return {@code samtykke_} by default
         */
        public String getTablePrefix() {
            return tablePrefix;
        }

        /**
         * Sets the JDBC table prefix.
         *
         * @param tablePrefix lower-case letters, digits and underscores
         */
        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        /**
         * Who manages the JDBC ledger's tables.
         *
         * @return {@code create} by default
         */
        public SchemaManagement getSchema() {
            return schema;
        }

        /**
         * Sets who manages the JDBC ledger's tables.
         *
         * @param schema create or none
         */
        public void setSchema(SchemaManagement schema) {
            this.schema = schema;
        }
    }

    /** How the JDBC ledger's record table is partitioned. */
    public enum Partitioning {
        /** One table. */
        NONE,
        /** PostgreSQL only: range partitions by month of recording, dropped by purges once wholly purged. */
        MONTHLY
    }

    /** The kinds of ledger Samtykke configures itself. */
    public enum LedgerType {
        /** In memory: for development and tests; records are lost on restart. */
        MEMORY,
        /** In the application's {@code DataSource}, creating its tables. */
        JDBC
    }

    /** The consent endpoints. */
    public static class Endpoints {

        /**
         * Where the consent endpoints and the banner assets are served.
         */
        private String basePath = "/consent";

        /**
         * Largest request body POST {base-path} accepts (64B to 1MB); larger ones are answered 413.
         */
        private DataSize maxRequestSize = DataSize.ofKilobytes(8);

        /**
         * Further origins (e.g. "https://www.example.com") allowed to change consent, for deployments
         * where the container does not see the public scheme, host or port.
         */
        private List<String> trustedOrigins = new ArrayList<>();

        /**
         * The base path.
         *
         * @return {@code /consent} by default
         */
        public String getBasePath() {
            return basePath;
        }

        /**
         * Sets the base path.
         *
         * @param basePath e.g. {@code /consent}
         */
        public void setBasePath(String basePath) {
            this.basePath = basePath;
        }

        /**
         * The request size limit.
         *
         * @return 8 KB by default
         */
        public DataSize getMaxRequestSize() {
            return maxRequestSize;
        }

        /**
         * Sets the request size limit.
         *
         * @param maxRequestSize the limit
         */
        public void setMaxRequestSize(DataSize maxRequestSize) {
            this.maxRequestSize = maxRequestSize;
        }

        /**
         * The trusted origins.
         *
         * @return the origins
         */
        public List<String> getTrustedOrigins() {
            return trustedOrigins;
        }

        /**
         * Sets the trusted origins.
         *
         * @param trustedOrigins the origins
         */
        public void setTrustedOrigins(List<String> trustedOrigins) {
            this.trustedOrigins = trustedOrigins;
        }
    }

    /** Enforcement in Spring MVC. */
    public static class Web {

        /**
         * HTTP status answered when a handler's @RequiresConsent purposes are not granted (or a
         * ConsentRequiredException reaches Spring MVC), unless the annotation names its own.
         */
        private int notGrantedStatus = 204;

        /**
         * The status answered when consent is missing.
         *
         * @return 204 by default
         */
        public int getNotGrantedStatus() {
            return notGrantedStatus;
        }

        /**
         * Sets the status answered when consent is missing.
         *
         * @param notGrantedStatus an HTTP status, 200 to 599
         */
        public void setNotGrantedStatus(int notGrantedStatus) {
            this.notGrantedStatus = notGrantedStatus;
        }
    }
}
