package dev.samtykke.servlet.internal;

import java.time.Clock;
import java.util.Objects;

/**
 * Limits how often one subject (the pseudonymous id of a verified consent cookie) may change its consent:
 * in effect a token bucket per subject holding at most {@code perMinute} decisions, refilled at {@code perMinute} a
 * minute (kept as the generic cell rate algorithm's one time stamp per subject), so a burst of a whole minute's allowance passes and then one decision per {@code 60 / perMinute}
 * seconds.
 *
 * <p>Memory is fixed when the limiter is built: the buckets live in a table of {@value #SLOTS} slots,
 * indexed by the subject id's hash. A subject whose slot another subject took starts again with a full
 * bucket, so the limiter never refuses a subject for another's decisions, and a flood of subjects only
 * costs the table's fixed slots. Subject ids are random and minted by the server (they arrive only in
 * signed cookies), so no one can aim at a slot.
 *
 * <p>What it cannot do: a visitor who drops the cookie gets a fresh subject id for each request and is
 * never limited here. That is the limit of per-subject limiting without personal data (the limiter does not
 * key by IP address); a deployment that must bound anonymous decisions does so in front of the application
 * (a reverse proxy's rate limit on {@code POST}/{@code DELETE} of the consent path).
 */
public final class DecisionRateLimiter {

    /** The number of slots: fixed memory of about 32 bytes each, plus the subject id they hold. */
    public static final int SLOTS = 4096;

    private final long intervalMicros;
    private final long burstMicros;
    private final Clock clock;
    private final Slot[] slots = new Slot[SLOTS];

    /** One subject's state: when its allowance would be back to one decision; guarded by its own monitor. */
    private static final class Slot {
        private String subjectId;
        private long theoreticalArrival;
    }

    /**
     * A limiter.
     *
     * @param perMinute the decisions a subject may make a minute, at least 1
     * @param clock the clock
     */
    public DecisionRateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1: " + perMinute);
        }
        this.intervalMicros = 60_000_000L / perMinute;
        this.burstMicros = (perMinute - 1) * intervalMicros;
        this.clock = Objects.requireNonNull(clock, "clock");
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
    }

    /**
     * Takes one decision from the subject's allowance.
     *
     * @param subjectId the subject id of a verified consent cookie
     * @return {@code 0} if the decision may go ahead (and was counted), else the whole seconds (at least 1)
     *         until the subject may decide again
     */
    public long acquire(String subjectId) {
        int h = subjectId.hashCode();
        Slot slot = slots[(h ^ (h >>> 16)) & (SLOTS - 1)];
        long now = clock.millis() * 1000;
        synchronized (slot) { // the generic cell rate algorithm, in whole microseconds
            if (!subjectId.equals(slot.subjectId)) {
                slot.subjectId = subjectId;
                slot.theoreticalArrival = now;
            }
            long arrival = Math.max(slot.theoreticalArrival, now);
            long early = arrival - burstMicros - now;
            if (early > 0) {
                return Math.max(1, (early + 999_999) / 1_000_000);
            }
            slot.theoreticalArrival = arrival + intervalMicros;
            return 0;
        }
    }
}
