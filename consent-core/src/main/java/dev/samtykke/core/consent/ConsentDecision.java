package dev.samtykke.core.consent;

import dev.samtykke.core.internal.Grants;
import dev.samtykke.core.policy.PolicyVersion;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A visitor's decision: per consent-based purpose granted or denied, against which policy version,
 * when, until when, and how. This is what the signed consent cookie carries and what the ledger records.
 *
 * @param subjectId the random pseudonymous id of the visitor (no personal data)
 * @param policyId the id of the policy the decision was given against
 * @param policyVersion the version of that policy
 * @param grants per purpose id, {@code true} if granted; purposes absent were not decided (kept immutable,
 *        in purpose-id order; no null ids or values)
 * @param method how the decision was made
 * @param decidedAt when it was made
 * @param expiresAt when it stops counting
 */
public record ConsentDecision(String subjectId, String policyId, PolicyVersion policyVersion, Map<String, Boolean> grants,
                              ConsentMethod method, Instant decidedAt, Instant expiresAt) {
    public ConsentDecision {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(policyVersion, "policyVersion");
        grants = Grants.of(Objects.requireNonNull(grants, "grants"));
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (expiresAt.isBefore(decidedAt)) {
            throw new IllegalArgumentException("expiresAt " + expiresAt + " is before decidedAt " + decidedAt);
        }
    }

    /** The grants as the evaluator reads them: what the constructor made of {@link #grants()}. */
    Grants grantBits() {
        return (Grants) grants;
    }

    /** Whether the decision grants this purpose ({@code false} when denied or not decided). */
    public boolean grants(String purposeId) {
        return Boolean.TRUE.equals(grants.get(purposeId));
    }

    /** Whether the decision covers this purpose at all (granted or denied). */
    public boolean covers(String purposeId) {
        return grants.containsKey(purposeId);
    }

    /** Whether the decision no longer counts at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Everything but the subject id, so that logging a decision never logs the visitor's pseudonym. */
    @Override
    public String toString() {
        return "ConsentDecision[policy=" + policyId + " " + policyVersion + ", grants=" + grants + ", method=" + method
                + ", decidedAt=" + decidedAt + ", expiresAt=" + expiresAt + "]";
    }
}
