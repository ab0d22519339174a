package dev.samtykke.core.notice;

import dev.samtykke.core.policy.TimeSpan;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Human-readable lengths of time for notices and banners: {@code P2Y} reads "2 år" in Norwegian
 * and "2 years" in English, {@code P1Y6M} "1 år og 6 måneder", {@code PT30M} "30 minutes",
 * {@code session} "Økt" / "Session".
 *
 * <p>The parts are shown as written in the policy ({@code P13M} stays "13 months", it is not turned
 * into a year and a month); a span written in weeks ({@code P2W}) reads in weeks. Built in for
 * {@code nb} and {@code en}; other locales read in English.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * The span in words, e.g. "2 år", "13 months", "1 year and 6 months", "Session".
     *
     * @param span the span to describe
     * @param locale the language to describe it in
     * @return the description, never empty
     */
    public static String humanize(TimeSpan span, Locale locale) {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(locale, "locale");
        NoticeLabels labels = NoticeLabels.of(locale);
        if (span.isSession()) {
            return labels.get("duration.session");
        }
        Period period = span.period();
        Duration time = span.time();
        long days = period.getDays();
        long weeks = 0;
        if (span.iso().toUpperCase(Locale.ROOT).contains("W") && days % 7 == 0) {
            weeks = days / 7;
            days = 0;
        }
        List<String> parts = new ArrayList<>();
        add(parts, labels, "year", period.getYears());
        add(parts, labels, "month", period.getMonths());
        add(parts, labels, "week", weeks);
        add(parts, labels, "day", days);
        add(parts, labels, "hour", time.toHours());
        add(parts, labels, "minute", time.toMinutesPart());
        add(parts, labels, "second", time.toSecondsPart());
        if (parts.isEmpty()) {
            return "0 " + labels.get("duration.second.other");
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " " + labels.get("duration.and") + " "
                + parts.get(parts.size() - 1);
    }

    private static void add(List<String> parts, NoticeLabels labels, String unit, long amount) {
        if (amount != 0) {
            parts.add(amount + " " + labels.get("duration." + unit + (amount == 1 ? ".one" : ".other")));
        }
    }
}
