package dev.samtykke.core.stats;

import dev.samtykke.core.consent.ConsentDecision;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The store SPI of the consent counters: increments counters as decisions and impressions happen, and reads them
 * back for a range of days. Counters are per day (UTC), policy version and locale; see {@link StatsCount}. A
 * store keeps no subject id, IP address or user agent: it is never given one.
 *
 * <p>Implementations are thread-safe and lose no increment when many threads (or, for a database, many instances)
 * add at once. {@link InMemoryConsentStats} and {@link dev.samtykke.core.stats.jdbc.JdbcConsentStats} ship with
 * the library; both pass one contract test.
 */
public interface ConsentStats {

    /**
     * Adds increments to their counters, creating those that do not exist yet, all or none.
     *
     * @param increments counters whose count is what to add; several may name one counter
     * @throws dev.samtykke.core.ledger.LedgerException if the store cannot be written
     */
    void add(List<StatsCount> increments);

    /**
     * The counters of a range of days, each key once (with its total), in {@link StatsCount#KEY_ORDER}.
     *
     * @param from the first day, inclusive
     * @param to   the last day, inclusive
     * @return the counters with a count above 0
     * @throws dev.samtykke.core.ledger.LedgerException if the store cannot be read
     */
    List<StatsCount> counts(LocalDate from, LocalDate to);

    /**
     * Counts a first-layer impression of the banner.
     *
     * @param day           the day (UTC)
     * @param policyVersion the version of the policy shown
     * @param locale        the locale it was shown in
     */
    default void impression(LocalDate day, String policyVersion, String locale) {
        add(List.of(new StatsCount(day, policyVersion, locale, StatsMetric.IMPRESSION, "", 1)));
    }

    /**
     * Counts a decision: one for its method, and one granted or denied for each purpose it decides, on the day (UTC)
     * it was made. Its subject id is not used.
     *
     * @param decision the decision
     * @param locale   the locale the notice was shown in
     */
    default void decision(ConsentDecision decision, String locale) {
        add(increments(decision, locale));
    }

    /**
     * The increments a decision adds; see {@link #decision}.
     *
     * @param decision the decision
     * @param locale   the locale the notice was shown in
     * @return the increments, one per counter
     */
    static List<StatsCount> increments(ConsentDecision decision, String locale) {
        LocalDate day = LocalDate.ofInstant(decision.decidedAt(), ZoneOffset.UTC);
        String version = decision.policyVersion().toString();
        List<StatsCount> increments = new ArrayList<>(decision.grants().size() + 1);
        increments.add(new StatsCount(day, version, locale, StatsMetric.DECISION, decision.method().id(), 1));
        for (Map.Entry<String, Boolean> grant : decision.grants().entrySet()) {
            increments.add(new StatsCount(day, version, locale,
                    grant.getValue() ? StatsMetric.GRANTED : StatsMetric.DENIED, grant.getKey(), 1));
        }
        return increments;
    }
}
