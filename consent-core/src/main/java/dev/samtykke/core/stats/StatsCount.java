package dev.samtykke.core.stats;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * One counter of the aggregate: how many times {@code metric} happened for {@code item} on a day (UTC), under a
 * policy version and in a locale. As an increment, {@code count} is what to add. It holds no personal data: its
 * parts come from the policy (version, locale, purpose ids) and from a fixed set (metrics, methods).
 *
 * @param day           the day, in UTC
 * @param policyVersion the policy version, e.g. {@code 2.1}
 * @param locale        the BCP 47 tag of the locale the notice was shown in, e.g. {@code nb}
 * @param metric        what is counted
 * @param item          the method ({@link StatsMetric#DECISION}), the purpose id ({@link StatsMetric#GRANTED},
 *                      {@link StatsMetric#DENIED}) or empty ({@link StatsMetric#IMPRESSION})
 * @param count         the count, at least 0
 */
public record StatsCount(LocalDate day, String policyVersion, String locale, StatsMetric metric, String item, long count) {

    /** The longest policy version stored. */
    public static final int MAX_VERSION = 32;
    /** The longest locale tag stored. */
    public static final int MAX_LOCALE = 35;
    /** The longest item (purpose id or method) stored. */
    public static final int MAX_ITEM = 128;

    /** The order of counters in the aggregate's key (day, version, locale, metric, item): the order writers lock in. */
    public static final Comparator<StatsCount> KEY_ORDER = Comparator.comparing(StatsCount::day)
            .thenComparing(StatsCount::policyVersion)
            .thenComparing(StatsCount::locale)
            .thenComparing(StatsCount::metric)
            .thenComparing(StatsCount::item);

    /**
     * Validates the counter.
     *
     * @throws IllegalArgumentException if a part is blank where it may not be, too long, or the count negative
     */
    public StatsCount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(metric, "metric");
        policyVersion = text(policyVersion, "policyVersion", MAX_VERSION, false);
        locale = text(locale, "locale", MAX_LOCALE, false);
        item = text(item == null ? "" : item, "item", MAX_ITEM, metric == StatsMetric.IMPRESSION);
        if (metric == StatsMetric.IMPRESSION && !item.isEmpty()) {
            throw new IllegalArgumentException("an impression counter has no item");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be at least 0, got " + count);
        }
    }

    /**
     * The same counter with another count.
     *
     * @param newCount the count
     * @return the counter
     */
    public StatsCount withCount(long newCount) {
        return new StatsCount(day, policyVersion, locale, metric, item, newCount);
    }

    /**
     * Whether two counters count the same thing (all but the count equal).
     *
     * @param other another counter
     * @return whether their keys are equal
     */
    public boolean sameKey(StatsCount other) {
        return KEY_ORDER.compare(this, other) == 0;
    }

    private static String text(String value, String name, int max, boolean mayBeEmpty) {
        Objects.requireNonNull(value, name);
        if ((!mayBeEmpty && value.isBlank()) || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException(name + " must be visible ASCII");
            }
        }
        return value;
    }
}
