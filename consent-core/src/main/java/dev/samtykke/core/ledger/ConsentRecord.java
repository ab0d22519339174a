package dev.samtykke.core.ledger;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.policy.PolicyVersion;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A stored ledger record: one decision, the context it was made in, and its place in its shard's hash chain.
 * Instants are kept to the microsecond (what SQL databases store).
 *
 * @param recordId the record's random id (a UUID)
 * @param subjectId the random pseudonymous id of the visitor
 * @param policyId the id of the policy the decision was given against
 * @param policyVersion that policy's version
 * @param grants per purpose id, {@code true} if granted, {@code false} if refused or withdrawn
 * @param method how the decision was made
 * @param decidedAt when the decision was made
 * @param expiresAt when it stops counting
 * @param locale the BCP 47 tag of the locale the notice was shown in
 * @param collectionPoint where the decision was collected (a path)
 * @param noticeHash the hex SHA-256 of the notice shown, see {@link NoticeHash}
 * @param recordedAt when the ledger stored the record
 * @param shard the chain (shard) the record belongs to
 * @param sequence the record's position in its shard's chain, from 1
 * @param previousHash the hash of the record before it in the chain (or the shard's checkpoint)
 * @param hash the record's own hash, see {@link dev.samtykke.core.ledger.spi.LedgerChain}
 */
public record ConsentRecord(String recordId, String subjectId, String policyId, PolicyVersion policyVersion,
                            Map<String, Boolean> grants, ConsentMethod method, Instant decidedAt, Instant expiresAt,
                            String locale, String collectionPoint, String noticeHash, Instant recordedAt,
                            int shard, long sequence, String previousHash, String hash) {

    /** Checks that no part is missing. */
    public ConsentRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(policyVersion, "policyVersion");
        grants = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(grants, "grants")));
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(collectionPoint, "collectionPoint");
        Objects.requireNonNull(noticeHash, "noticeHash");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The recorded decision. */
    public ConsentDecision decision() {
        return new ConsentDecision(subjectId, policyId, policyVersion, grants, method, decidedAt, expiresAt);
    }

    /** Whether the record grants this purpose ({@code false} when refused, withdrawn or not decided). */
    public boolean grants(String purposeId) {
        return Boolean.TRUE.equals(grants.get(purposeId));
    }

    /** What kind of decision this is. */
    public State state() {
        if (method == ConsentMethod.WITHDRAW) {
            return State.WITHDRAWN;
        }
        long granted = grants.values().stream().filter(Boolean::booleanValue).count();
        if (granted == 0) {
            return State.REFUSED;
        }
        return granted == grants.size() ? State.GIVEN : State.PARTIALLY_GIVEN;
    }

    /** Whether the decision no longer counts at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** What kind of decision a record holds. */
    public enum State {
        /** Every decided purpose was granted. */
        GIVEN("given"),
        /** Some decided purposes were granted, others refused. */
        PARTIALLY_GIVEN("partially-given"),
        /** No purpose was granted. */
        REFUSED("refused"),
        /** Earlier consent was withdrawn. */
        WITHDRAWN("withdrawn");

        private final String id;

        State(String id) {
            this.id = id;
        }

        /** The identifier used in exports, e.g. {@code partially-given}. */
        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
