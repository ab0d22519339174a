package dev.samtykke.core.stats;

import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.LedgerException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BufferedConsentStatsTest extends ConsentStatsContract {

    @Override
    protected ConsentStats stats() {
        return new BufferedConsentStats(new InMemoryConsentStats(), Duration.ofMillis(10));
    }

    /** A store that can be told to fail. */
    private static final class Flaky implements ConsentStats {
        final InMemoryConsentStats memory = new InMemoryConsentStats();
        volatile boolean failing;
        int batches;

        @Override
        public synchronized void add(List<StatsCount> increments) {
            if (failing) {
                throw new LedgerException("down");
            }
            batches++;
            memory.add(increments);
        }

        @Override
        public List<StatsCount> counts(LocalDate from, LocalDate to) {
            return memory.counts(from, to);
        }
    }

    @Test
    void writesBehindInOneBatchAndKeepsWhatTheStoreRefusesForTheNextFlush() {
        Flaky store = new Flaky();
        try (BufferedConsentStats stats = new BufferedConsentStats(store, Duration.ofHours(1))) {
            stats.impression(DAY, "1.0", "nb");
            stats.decision(decision(ConsentMethod.ACCEPT_ALL, "1.0", DAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                    grants(true, true)), "nb");
            assertThat(store.counts(DAY, DAY)).as("nothing written yet").isEmpty();
            assertThat(stats.counts(DAY, DAY)).as("but read").hasSize(4);

            store.failing = true;
            assertThatThrownBy(stats::flush).isInstanceOf(LedgerException.class);
            stats.impression(DAY, "1.0", "nb");
            store.failing = false;
            stats.flush();

            assertThat(store.batches).isEqualTo(1);
            assertThat(store.counts(DAY, DAY)).contains(new StatsCount(DAY, "1.0", "nb", StatsMetric.IMPRESSION, "", 2));
            assertThat(stats.counts(DAY, DAY)).isEqualTo(store.counts(DAY, DAY));
        }
    }

    @Test
    void closeWritesWhatIsPendingAndConcurrentWritersLoseNothingAcrossFlushes() throws Exception {
        Flaky store = new Flaky();
        BufferedConsentStats stats = new BufferedConsentStats(store, Duration.ofMillis(10));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50_000; i++) {
                    stats.impression(DAY, "1.0", "nb");
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        stats.close();
        assertThat(store.counts(DAY, DAY)).containsExactly(new StatsCount(DAY, "1.0", "nb", StatsMetric.IMPRESSION, "", 200_000));
    }
}
