package dev.samtykke.core.stats;

import java.util.Arrays;
import java.util.Optional;

/** What a counter counts. */
public enum StatsMetric {

    /** First-layer impressions of the banner; the counter's item is empty. */
    IMPRESSION("impression"),
    /** Decisions; the item is the decision's method, e.g. {@code accept-all}. */
    DECISION("decision"),
    /** Decisions granting a purpose; the item is the purpose id. */
    GRANTED("granted"),
    /** Decisions denying (refusing or withdrawing) a purpose; the item is the purpose id. */
    DENIED("denied");

    private final String id;

    StatsMetric(String id) {
        this.id = id;
    }

    /**
     * The id stored in the aggregate table.
     *
     * @return e.g. {@code granted}
     */
    public String id() {
        return id;
    }

    /**
     * The metric of an id.
     *
     * @param id e.g. {@code granted}
     * @return the metric, or empty for an unknown id
     */
    public static Optional<StatsMetric> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
