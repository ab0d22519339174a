package dev.samtykke.core.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters in memory, lost on restart: for development, tests and single instances that need no history. It keeps
 * the counters of the last {@value #DEFAULT_DAYS} days at most (older days are dropped as new ones begin), so its
 * size is bounded by the days kept times the policy versions, locales and purposes.
 */
public final class InMemoryConsentStats implements ConsentStats {

    /** How many days are kept by default. */
    public static final int DEFAULT_DAYS = 400;

    private record Key(String policyVersion, String locale, StatsMetric metric, String item) {
    }

    private final ConcurrentSkipListMap<LocalDate, Map<Key, LongAdder>> days = new ConcurrentSkipListMap<>();
    private final int daysKept;

    /** Counters keeping {@value #DEFAULT_DAYS} days. */
    public InMemoryConsentStats() {
        this(DEFAULT_DAYS);
    }

    /**
     * Counters keeping a number of days.
     *
     * @param daysKept how many of the latest days to keep, at least 1
     */
    public InMemoryConsentStats(int daysKept) {
        if (daysKept < 1) {
            throw new IllegalArgumentException("daysKept must be at least 1, got " + daysKept);
        }
        this.daysKept = daysKept;
    }

    @Override
    public void add(List<StatsCount> increments) {
        for (StatsCount increment : increments) {
            Map<Key, LongAdder> day = days.get(increment.day());
            if (day == null) {
                day = days.computeIfAbsent(increment.day(), d -> new ConcurrentHashMap<>());
                trim();
            }
            day.computeIfAbsent(new Key(increment.policyVersion(), increment.locale(), increment.metric(), increment.item()),
                    k -> new LongAdder()).add(increment.count());
        }
    }

    /**
     * Drops the days older than the latest kept ones, after a day was added. An increment racing with it for a day so
     * old that it is dropped is lost with that day, as it would be a moment later.
     */
    private void trim() {
        LocalDate latest = days.lastKey();
        days.headMap(latest.minusDays(daysKept - 1L)).clear();
    }

    @Override
    public List<StatsCount> counts(LocalDate from, LocalDate to) {
        List<StatsCount> counts = new ArrayList<>();
        if (from.isAfter(to)) {
            return counts;
        }
        for (Map.Entry<LocalDate, Map<Key, LongAdder>> day : days.subMap(from, true, to, true).entrySet()) {
            day.getValue().forEach((key, adder) -> {
                long n = adder.sum();
                if (n > 0) {
                    counts.add(new StatsCount(day.getKey(), key.policyVersion(), key.locale(), key.metric(), key.item(), n));
                }
            });
        }
        counts.sort(StatsCount.KEY_ORDER);
        return counts;
    }

    @Override
    public String toString() {
        return "InMemoryConsentStats[" + days.size() + " days]";
    }
}
