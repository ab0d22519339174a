package dev.samtykke.spring.internal;

import dev.samtykke.core.ledger.RetentionRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;
import java.util.Objects;

/**
 * Micrometer meters of the scheduled purge, in the application's unique {@link MeterRegistry} (none: nothing counted).
 * Tags take three values only; nothing personal.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@value #RUNS}</td><td>counter</td><td>{@code outcome}: purged, skipped, failed</td><td>purge runs</td></tr>
 *   <tr><td>{@value #DURATION}</td><td>timer</td><td>{@code outcome}</td><td>how long each run took, lock included</td></tr>
 *   <tr><td>{@value #RECORDS}</td><td>counter</td><td></td><td>records emptied (past retention)</td></tr>
 *   <tr><td>{@value #ENTRIES}</td><td>counter</td><td></td><td>entries deleted from the chains' starts</td></tr>
 *   <tr><td>{@value #EVENTS}</td><td>counter</td><td></td><td>purge events written</td></tr>
 * </table>
 */
public final class RetentionMetrics implements RetentionScheduler.Observer {

    /** Purge runs, by outcome. */
    public static final String RUNS = "samtykke.ledger.purge.runs";
    /** The time of each run, by outcome. */
    public static final String DURATION = "samtykke.ledger.purge.duration";
    /** Records emptied. */
    public static final String RECORDS = "samtykke.ledger.purge.records";
    /** Entries deleted. */
    public static final String ENTRIES = "samtykke.ledger.purge.entries";
    /** Purge events written. */
    public static final String EVENTS = "samtykke.ledger.purge.events";

    private final ObjectProvider<MeterRegistry> registries;

    /** @param registries the application's meter registries */
    public RetentionMetrics(ObjectProvider<MeterRegistry> registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
    }

    @Override
    public void ran(RetentionRun.Result result, Duration duration) {
        MeterRegistry registry = registries.getIfUnique();
        if (registry == null) {
            return;
        }
        String outcome = result == null ? "failed" : result.status() == RetentionRun.Status.PURGED ? "purged" : "skipped";
        Counter.builder(RUNS).tag("outcome", outcome).description("Consent ledger purge runs").register(registry).increment();
        Timer.builder(DURATION).tag("outcome", outcome).description("Consent ledger purge run time").register(registry)
                .record(duration);
        if (result != null) {
            Counter.builder(RECORDS).description("Consent records emptied by purges").register(registry)
                    .increment(result.purged().recordsEmptied());
            Counter.builder(ENTRIES).description("Ledger entries deleted by purges").register(registry)
                    .increment(result.purged().entriesRemoved());
            Counter.builder(EVENTS).description("Purge events written to the ledger").register(registry)
                    .increment(result.purged().eventsWritten());
        }
    }
}
