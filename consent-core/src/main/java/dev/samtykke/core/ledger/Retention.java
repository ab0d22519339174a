package dev.samtykke.core.ledger;

import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.Purpose;
import dev.samtykke.core.policy.TimeSpan;

import java.time.Instant;
import java.time.Period;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long proof of consent is kept after a decision stops counting (its {@code expiresAt}): an overall period, and per
 * purpose the periods that demand longer proof (the retention of the data processed under that purpose: while data
 * collected under a consent is kept, so is the proof of that consent).
 *
 * <p>A record is kept at least as long as the longest retention that applies: it is purged only once
 * {@code expiresAt + longest()} has passed. One cut-off serves every record ({@link #cutoff(Instant)}: now minus the
 * longest period), so a record of a purpose with a shorter retention is kept as long as the longest one too; proof is
 * never removed early. A purpose's period may only lengthen the overall one, never shorten it.
 *
 * @param overall the period every record is kept after it expires, e.g. {@code P3Y}
 * @param purposes per purpose id, a period that record proof must be kept for; those shorter than {@code overall} change nothing
 */
public record Retention(TimeSpan overall, Map<String, TimeSpan> purposes) {

    /** The overall period when none is configured: three years, the general limitation period for claims in Norway. */
    public static final TimeSpan DEFAULT_OVERALL = TimeSpan.of(Period.ofYears(3));

    /** Checks the periods: none may be a session span or zero. */
    public Retention {
        requirePeriod("overall", overall);
        purposes.forEach((id, span) -> {
            Objects.requireNonNull(id, "purpose id");
            requirePeriod("purpose '" + id + "'", span);
        });
        purposes = Collections.unmodifiableMap(new LinkedHashMap<>(purposes));
    }

    private static void requirePeriod(String what, TimeSpan span) {
        Objects.requireNonNull(span, what);
        if (span.isSession() || span.approximate().isNegative() || span.approximate().isZero()) {
            throw new IllegalArgumentException("the retention of " + what + " must be a positive ISO-8601 period such as P3Y: " + span);
        }
    }

    /**
     * An overall period and no purpose of its own.
     *
     * @param overall e.g. {@code Period.ofYears(3)}
     * @return the retention
     */
    public static Retention of(Period overall) {
        return new Retention(TimeSpan.of(overall), Map.of());
    }

    /**
     * An overall period, and the retention of each consent-based purpose of the policy (its {@code retention} field).
     *
     * @param policy the policy whose records are kept
     * @param overall the overall period
     * @return the retention
     */
    public static Retention forPolicy(ConsentPolicy policy, TimeSpan overall) {
        Map<String, TimeSpan> purposes = new LinkedHashMap<>();
        for (Purpose p : policy.consentPurposes()) {
            purposes.put(p.id(), p.retention());
        }
        return new Retention(overall, purposes);
    }

    /**
     * This retention with a purpose's period set (it replaces the policy's for that purpose).
     *
     * @param purposeId the purpose
     * @param period how long its proof is kept after a record expires
     * @return the new retention
     */
    public Retention withPurpose(String purposeId, TimeSpan period) {
        Map<String, TimeSpan> changed = new LinkedHashMap<>(purposes);
        changed.put(purposeId, period);
        return new Retention(overall, changed);
    }

    /** The longest period that applies: the overall one, or a purpose's where it is longer. */
    public TimeSpan longest() {
        TimeSpan longest = overall;
        for (TimeSpan span : purposes.values()) {
            if (span.compareTo(longest) > 0) {
                longest = span;
            }
        }
        return longest;
    }

    /**
     * The purge cut-off at {@code now}: records that expired before it have been kept for every period that applies.
     * Calendar periods are taken in UTC; each period is subtracted on its own and the earliest result is the cut-off.
     *
     * @param now the present
     * @return the cut-off to pass to {@link ConsentLedger#purge(Instant)}
     */
    public Instant cutoff(Instant now) {
        Instant cutoff = minus(now, overall);
        for (TimeSpan span : purposes.values()) {
            Instant c = minus(now, span);
            if (c.isBefore(cutoff)) {
                cutoff = c;
            }
        }
        return cutoff;
    }

    private static Instant minus(Instant now, TimeSpan span) {
        Instant t = span.period().isZero() ? now : now.atOffset(java.time.ZoneOffset.UTC).minus(span.period()).toInstant();
        return t.minus(span.time());
    }
}
