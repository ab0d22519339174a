package dev.samtykke.core.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The outbox of consent events: the ledger adds an event for every entry in the same transaction (so none is lost or
 * invented if the application dies between the two), and the {@link OutboxRelay} claims, delivers and settles them.
 * Implementations: {@link InMemoryConsentOutbox} beside the in-memory ledger, and
 * {@link dev.samtykke.core.events.jdbc.JdbcConsentOutbox} beside the JDBC ledger, in its database.
 *
 * <p>Order per subject: {@link #claim} hands out only a subject's oldest pending event, and none while another relay
 * holds it; the next follows once it is {@link #delivered} or {@link #deadLetter dead-lettered}. Claims are leases: an
 * event whose relay stopped or died is claimed again once its lease ends, so delivery is at least once. Implementations
 * are thread-safe and safe with several relays (instances) on one store.
 */
public interface ConsentOutbox {

    /**
     * Claims events due for delivery: at most {@code limit}, at most one per subject (its oldest pending one), none that
     * another relay's lease still holds, none whose retry time is after {@code now}.
     *
     * @param relay the claiming relay's id, unique per relay instance
     * @param limit the most events to claim, at least 1
     * @param now the current time
     * @param lease how long the claim holds (deliver and settle within it)
     * @return the claimed events
     */
    List<OutboxEntry> claim(String relay, int limit, Instant now, Duration lease);

    /**
     * Marks a claimed event delivered to every sink: the subject's next event may go.
     *
     * @param relay the relay that claimed it
     * @param eventId the event's id
     * @param now the current time
     */
    void delivered(String relay, String eventId, Instant now);

    /**
     * Releases a claimed event for another attempt at {@code retryAt}.
     *
     * @param relay the relay that claimed it
     * @param eventId the event's id
     * @param attempts the failed attempts so far
     * @param deliveredTo the sinks that have it by now
     * @param retryAt when it may be claimed again
     * @param error what failed, without personal data or secrets (kept for inspection, shortened to 256 characters)
     */
    void retry(String relay, String eventId, int attempts, Set<String> deliveredTo, Instant retryAt, String error);

    /**
     * Gives up on a claimed event (dead letter): it is kept, but no longer delivered or in the subject's way.
     *
     * @param relay the relay that claimed it
     * @param eventId the event's id
     * @param attempts the failed attempts
     * @param deliveredTo the sinks that have it
     * @param error the last failure, as for {@link #retry}
     * @param now the current time
     */
    void deadLetter(String relay, String eventId, int attempts, Set<String> deliveredTo, String error, Instant now);

    /**
     * Puts a dead-lettered event back in line, for one more round of attempts (after the receiver was fixed).
     *
     * @param eventId the event's id
     * @param now the current time: it is due at once
     * @return whether such a dead-lettered event was there
     */
    boolean redeliver(String eventId, Instant now);

    /**
     * The events given up on, oldest first.
     *
     * @param limit the most to return
     * @return their events
     */
    List<ConsentEvent> deadLetters(int limit);

    /**
     * Deletes the events delivered before {@code olderThan} (the outbox is no archive; the ledger is).
     *
     * @param olderThan the cut-off
     * @return how many were deleted
     */
    int purgeDelivered(Instant olderThan);

    /**
     * How far delivery lags.
     *
     * @param now the current time
     * @return the counts and the oldest pending event's age
     */
    OutboxStats stats(Instant now);
}
