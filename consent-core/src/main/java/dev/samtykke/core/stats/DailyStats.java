package dev.samtykke.core.stats;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The counters of one day summed over policy versions and locales: the {@code days[]} entry of the stats API.
 *
 * @param date        the day (UTC)
 * @param impressions first-layer impressions
 * @param decisions   decisions by kind: {@link #KINDS}, in that order (0 where none)
 * @param granted     grants per purpose id, sorted by id
 * @param denied      denials per purpose id, sorted by id
 */
public record DailyStats(LocalDate date, long impressions, Map<String, Long> decisions, Map<String, Long> granted,
                         Map<String, Long> denied) {

    /** The decision kinds every day lists, in this order. */
    public static final java.util.List<String> KINDS = java.util.List.of("accept-all", "reject-all", "custom", "withdraw");

    /** Copies the maps (unmodifiable, in order). */
    public DailyStats {
        Objects.requireNonNull(date, "date");
        decisions = Collections.unmodifiableMap(new LinkedHashMap<>(decisions));
        granted = Collections.unmodifiableMap(new TreeMap<>(granted));
        denied = Collections.unmodifiableMap(new TreeMap<>(denied));
    }

    /**
     * The decisions of the day, all methods together.
     *
     * @return the sum of {@link #decisions()}
     */
    public long totalDecisions() {
        return decisions.values().stream().mapToLong(Long::longValue).sum();
    }
}
