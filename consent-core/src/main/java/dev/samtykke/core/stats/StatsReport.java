package dev.samtykke.core.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The counters of a range of days, one {@link DailyStats} per day (days without any count included, with zeros):
 * the answer of {@code GET {base}/admin/api/stats}.
 *
 * @param from the first day, inclusive
 * @param to   the last day, inclusive
 * @param days one entry per day from {@code from} to {@code to}, oldest first
 */
public record StatsReport(LocalDate from, LocalDate to, List<DailyStats> days) {

    /** The most days one report covers. */
    public static final int MAX_DAYS = 366;

    /**
     * Validates the range and copies the days.
     *
     * @throws IllegalArgumentException if {@code from} is after {@code to} or the range is longer than {@link #MAX_DAYS}
     */
    public StatsReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to) || from.plusDays(MAX_DAYS).isBefore(to.plusDays(1))) {
            throw new IllegalArgumentException("a report covers 1 to " + MAX_DAYS + " days, got " + from + ".." + to);
        }
        days = List.copyOf(days);
    }

    /**
     * The report of the {@code n} days ending with {@code today}, read from a store.
     *
     * @param stats the counters
     * @param today the last day (UTC)
     * @param n     how many days, 1 to {@link #MAX_DAYS}
     * @return the report
     */
    public static StatsReport lastDays(ConsentStats stats, LocalDate today, int n) {
        if (n < 1 || n > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS + ", got " + n);
        }
        LocalDate from = today.minusDays(n - 1L);
        return of(from, today, stats.counts(from, today), c -> true);
    }

    /**
     * A report from counters, summing those of one day over versions and locales.
     *
     * @param from   the first day
     * @param to     the last day
     * @param counts counters (of any days: those outside the range are left out)
     * @param filter which counters to include, e.g. one policy version or locale
     * @return the report
     */
    public static StatsReport of(LocalDate from, LocalDate to, List<StatsCount> counts, Predicate<StatsCount> filter) {
        Map<LocalDate, Day> byDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            byDay.put(d, new Day());
            if (byDay.size() > MAX_DAYS) {
                break;
            }
        }
        for (StatsCount c : counts) {
            Day day = byDay.get(c.day());
            if (day == null || !filter.test(c)) {
                continue;
            }
            switch (c.metric()) {
                case IMPRESSION -> day.impressions += c.count();
                case DECISION -> day.decisions.merge(c.item(), c.count(), Long::sum);
                case GRANTED -> day.granted.merge(c.item(), c.count(), Long::sum);
                case DENIED -> day.denied.merge(c.item(), c.count(), Long::sum);
            }
        }
        List<DailyStats> days = new ArrayList<>(byDay.size());
        byDay.forEach((date, day) -> {
            Map<String, Long> decisions = new LinkedHashMap<>();
            for (String kind : DailyStats.KINDS) {
                decisions.put(kind, day.decisions.getOrDefault(kind, 0L));
            }
            days.add(new DailyStats(date, day.impressions, decisions, day.granted, day.denied));
        });
        return new StatsReport(from, to, days);
    }

    private static final class Day {
        long impressions;
        final Map<String, Long> decisions = new HashMap<>();
        final Map<String, Long> granted = new HashMap<>();
        final Map<String, Long> denied = new HashMap<>();
    }
}
