package dev.samtykke.core.ledger.spi;

import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.NoticeHash;
import dev.samtykke.core.policy.ConsentPolicy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policies a ledger accepts records for. A ledger given none accepts any policy id (it cannot know the
 * application's policies); a ledger given some rejects, with an {@link IllegalArgumentException}, a record
 * for another policy id or version, one deciding a purpose that is not a consent-based purpose of that
 * policy, and one whose notice hash is not {@link NoticeHash#of} that policy in the record's locale; so
 * every stored record provably refers to a notice the application really showed.
 */
public final class KnownPolicies {

    private static final KnownPolicies NONE = new KnownPolicies(Map.of());

    private final Map<String, ConsentPolicy> byIdAndVersion;
    private final Map<String, String> noticeHashes = new ConcurrentHashMap<>();

    private KnownPolicies(Map<String, ConsentPolicy> byIdAndVersion) {
        this.byIdAndVersion = byIdAndVersion;
    }

    /**
     * Accept any policy.
     *
     * @return the empty registry
     */
    public static KnownPolicies none() {
        return NONE;
    }

    /**
     * Accept records of these policies only (every version to accept must be listed).
     *
     * @param policies the policies; empty means any
     * @return the registry
     */
    public static KnownPolicies of(Collection<ConsentPolicy> policies) {
        Map<String, ConsentPolicy> map = new LinkedHashMap<>();
        for (ConsentPolicy p : policies) {
            map.put(key(p.id(), p.version().toString()), p);
        }
        return map.isEmpty() ? NONE : new KnownPolicies(Map.copyOf(map));
    }

    /** Whether any policy is accepted. */
    public boolean acceptsAny() {
        return byIdAndVersion.isEmpty();
    }

    /**
     * The known policy with this id and version.
     *
     * @param policyId the id
     * @param version the version, e.g. {@code 1.0}
     * @return the policy, or empty
     */
    public Optional<ConsentPolicy> find(String policyId, String version) {
        return Optional.ofNullable(byIdAndVersion.get(key(policyId, version)));
    }

    /**
     * Checks a record against the known policies.
     *
     * @param record the record
     * @throws IllegalArgumentException if it refers to an unknown policy, version or purpose, or to another notice
     */
    public void check(NewConsentRecord record) {
        if (acceptsAny()) {
            return;
        }
        var d = record.decision();
        ConsentPolicy policy = byIdAndVersion.get(key(d.policyId(), d.policyVersion().toString()));
        if (policy == null) {
            boolean idKnown = byIdAndVersion.values().stream().anyMatch(p -> p.id().equals(d.policyId()));
            throw new IllegalArgumentException(idKnown
                    ? "unknown version " + d.policyVersion() + " of policy '" + d.policyId() + "'"
                    : "unknown policy '" + d.policyId() + "'");
        }
        for (String purposeId : d.grants().keySet()) {
            boolean decidable = policy.isDecisionKey(purposeId);
            if (!decidable) {
                throw new IllegalArgumentException("policy '" + policy.id() + "' " + policy.version()
                        + " has no consent-based or objectable purpose '" + purposeId + "'");
            }
        }
        String expected = noticeHashes.computeIfAbsent(key(policy.id(), policy.version() + "|" + record.locale()),
                k -> NoticeHash.of(policy, Locale.forLanguageTag(record.locale())));
        if (!expected.equals(record.noticeHash())) {
            throw new IllegalArgumentException("the notice hash is not that of policy '" + policy.id() + "' "
                    + policy.version() + " in locale " + record.locale());
        }
    }

    private static String key(String id, String version) {
        return id + "|" + version;
    }
}
