package dev.samtykke.core.stats;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.policy.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ConsentStats} store does; each store's test extends it with {@link #stats()}. */
public abstract class ConsentStatsContract {

    protected static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    /** A fresh, empty store per call. */
    protected abstract ConsentStats stats();

    protected static ConsentDecision decision(ConsentMethod method, String version, Instant at, Map<String, Boolean> grants) {
        return new ConsentDecision("subject-" + System.nanoTime(), "jackon", PolicyVersion.parse(version), grants, method, at,
                at.plusSeconds(86_400));
    }

    protected static Map<String, Boolean> grants(boolean analytics, boolean marketing) {
        Map<String, Boolean> grants = new LinkedHashMap<>();
        grants.put("analytics", analytics);
        grants.put("marketing", marketing);
        return grants;
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atStartOfDay().plusHours(hour).toInstant(java.time.ZoneOffset.UTC);
    }

    @Test
    void countsAKnownSequenceOfDecisionsAndImpressionsPerDayVersionAndLocale() {
        ConsentStats stats = stats();
        stats.impression(DAY, "1.0", "nb");
        stats.impression(DAY, "1.0", "nb");
        stats.impression(DAY, "1.0", "en");
        stats.decision(decision(ConsentMethod.ACCEPT_ALL, "1.0", at(DAY, 1), grants(true, true)), "nb");
        stats.decision(decision(ConsentMethod.REJECT_ALL, "1.0", at(DAY, 2), grants(false, false)), "nb");
        stats.decision(decision(ConsentMethod.CUSTOM, "1.0", at(DAY, 3), grants(true, false)), "en");
        stats.decision(decision(ConsentMethod.WITHDRAW, "1.0", at(DAY, 23), grants(false, false)), "nb");
        stats.decision(decision(ConsentMethod.ACCEPT_ALL, "2.0", at(DAY.plusDays(1), 0), grants(true, true)), "nb");

        List<StatsCount> counts = stats.counts(DAY, DAY.plusDays(1));

        assertThat(counts).containsExactly(
                new StatsCount(DAY, "1.0", "en", StatsMetric.IMPRESSION, "", 1),
                new StatsCount(DAY, "1.0", "en", StatsMetric.DECISION, "custom", 1),
                new StatsCount(DAY, "1.0", "en", StatsMetric.GRANTED, "analytics", 1),
                new StatsCount(DAY, "1.0", "en", StatsMetric.DENIED, "marketing", 1),
                new StatsCount(DAY, "1.0", "nb", StatsMetric.IMPRESSION, "", 2),
                new StatsCount(DAY, "1.0", "nb", StatsMetric.DECISION, "accept-all", 1),
                new StatsCount(DAY, "1.0", "nb", StatsMetric.DECISION, "reject-all", 1),
                new StatsCount(DAY, "1.0", "nb", StatsMetric.DECISION, "withdraw", 1),
                new StatsCount(DAY, "1.0", "nb", StatsMetric.GRANTED, "analytics", 1),
                new StatsCount(DAY, "1.0", "nb", StatsMetric.GRANTED, "marketing", 1),
                new StatsCount(DAY, "1.0", "nb", StatsMetric.DENIED, "analytics", 2),
                new StatsCount(DAY, "1.0", "nb", StatsMetric.DENIED, "marketing", 2),
                new StatsCount(DAY.plusDays(1), "2.0", "nb", StatsMetric.DECISION, "accept-all", 1),
                new StatsCount(DAY.plusDays(1), "2.0", "nb", StatsMetric.GRANTED, "analytics", 1),
                new StatsCount(DAY.plusDays(1), "2.0", "nb", StatsMetric.GRANTED, "marketing", 1));

        StatsReport report = StatsReport.of(DAY.minusDays(1), DAY.plusDays(1), counts, c -> true);
        assertThat(report.days()).hasSize(3);
        assertThat(report.days().get(0).impressions()).isZero();
        assertThat(report.days().get(0).decisions()).containsExactly(Map.entry("accept-all", 0L), Map.entry("reject-all", 0L),
                Map.entry("custom", 0L), Map.entry("withdraw", 0L));
        DailyStats day = report.days().get(1);
        assertThat(day.impressions()).isEqualTo(3);
        assertThat(day.decisions()).containsExactly(Map.entry("accept-all", 1L), Map.entry("reject-all", 1L),
                Map.entry("custom", 1L), Map.entry("withdraw", 1L));
        assertThat(day.granted()).containsExactly(Map.entry("analytics", 2L), Map.entry("marketing", 1L));
        assertThat(day.denied()).containsExactly(Map.entry("analytics", 2L), Map.entry("marketing", 3L));
        assertThat(report.days().get(2).granted()).containsEntry("analytics", 1L);
    }

    @Test
    void readsOnlyTheDaysAsked() {
        ConsentStats stats = stats();
        for (int d = 0; d < 5; d++) {
            stats.impression(DAY.plusDays(d), "1.0", "nb");
        }
        assertThat(stats.counts(DAY.plusDays(1), DAY.plusDays(3))).extracting(StatsCount::day)
                .containsExactly(DAY.plusDays(1), DAY.plusDays(2), DAY.plusDays(3));
        assertThat(stats.counts(DAY.plusDays(3), DAY.plusDays(1))).isEmpty();
    }

    @Test
    void addsIncrementsNamingOneCounterTwiceAsTheirSum() {
        ConsentStats stats = stats();
        StatsCount one = new StatsCount(DAY, "1.0", "nb", StatsMetric.GRANTED, "analytics", 1);
        stats.add(List.of(one, one.withCount(4), one.withCount(0)));
        assertThat(stats.counts(DAY, DAY)).containsExactly(one.withCount(5));
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        ConsentStats stats = stats();
        int threads = 8;
        int perThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // every writer hits the same counters, half of them in each of two locales
                        String locale = (thread + i) % 2 == 0 ? "nb" : "en";
                        stats.decision(decision(ConsentMethod.CUSTOM, "1.0", at(DAY, 12), grants(true, i % 3 == 0)), locale);
                        stats.impression(DAY, "1.0", locale);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        StatsReport report = StatsReport.of(DAY, DAY, stats.counts(DAY, DAY), c -> true);
        DailyStats day = report.days().get(0);
        long total = (long) threads * perThread;
        assertThat(day.impressions()).isEqualTo(total);
        assertThat(day.decisions()).containsEntry("custom", total);
        assertThat(day.granted()).containsEntry("analytics", total);
        long marketingGranted = (long) threads * ((perThread + 2) / 3);
        assertThat(day.granted()).containsEntry("marketing", marketingGranted);
        assertThat(day.denied()).containsEntry("marketing", total - marketingGranted);
    }
}
