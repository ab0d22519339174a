package dev.samtykke.core.stats;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counters written behind: increments are summed in memory (a few atomic additions, no I/O on the decision's thread)
 * and handed to another store, e.g. a {@link dev.samtykke.core.stats.jdbc.JdbcConsentStats}, as one batch every
 * interval and on {@link #close()}. Reading merges what is not written yet, so this instance always reads its own
 * counts. A batch the store refuses is kept for the next interval, so a database that is down loses nothing while
 * the application runs; what is not yet written when the process dies without {@link #close()} is lost (at most one
 * interval's counts).
 */
public final class BufferedConsentStats implements ConsentStats, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BufferedConsentStats.class);

    private final ConsentStats store;
    /** Counts not yet written, by counter (count 0 in the key); merged and removed atomically per counter. */
    private final ConcurrentHashMap<StatsCount, Long> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private final Object flushing = new Object();

    /**
     * Counters written to a store every interval, by a daemon thread of their own.
     *
     * @param store    where the counts go
     * @param interval how often, at least 10 ms
     */
    public BufferedConsentStats(ConsentStats store, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        long millis = interval.toMillis();
        if (millis < 10) {
            throw new IllegalArgumentException("interval must be at least 10 ms, got " + interval);
        }
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "samtykke-stats-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void add(List<StatsCount> increments) {
        for (StatsCount inc : increments) {
            pending.merge(inc.withCount(0), inc.count(), Long::sum);
        }
    }

    /**
     * Writes what is pending to the store now, as one batch.
     *
     * @throws RuntimeException what the store threw; the counts are kept for the next flush
     */
    public void flush() {
        synchronized (flushing) {
            List<StatsCount> batch = new ArrayList<>();
            for (StatsCount key : pending.keySet()) {
                Long n = pending.remove(key); // an addition after it makes a new entry, for the next flush
                if (n != null && n > 0) {
                    batch.add(key.withCount(n));
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                store.add(batch);
            } catch (RuntimeException e) {
                for (StatsCount c : batch) {
                    pending.merge(c.withCount(0), c.count(), Long::sum);
                }
                throw e;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("The consent counters could not be written, kept for the next attempt: {}", e.toString());
        }
    }

    @Override
    public List<StatsCount> counts(LocalDate from, LocalDate to) {
        List<StatsCount> all;
        synchronized (flushing) { // not between a batch's taking and its writing
            all = new ArrayList<>(store.counts(from, to));
            pending.forEach((key, count) -> {
                if (count > 0 && !key.day().isBefore(from) && !key.day().isAfter(to)) {
                    all.add(key.withCount(count));
                }
            });
        }
        all.sort(StatsCount.KEY_ORDER);
        List<StatsCount> merged = new ArrayList<>(all.size());
        for (StatsCount c : all) {
            int last = merged.size() - 1;
            if (last >= 0 && merged.get(last).sameKey(c)) {
                merged.set(last, c.withCount(merged.get(last).count() + c.count()));
            } else {
                merged.add(c);
            }
        }
        return merged;
    }

    /** Stops the flushing thread and writes what is pending (a failure to write is logged). */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }

    @Override
    public String toString() {
        return "BufferedConsentStats[" + store + "]";
    }
}
