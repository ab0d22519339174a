package dev.samtykke.servlet.internal;

import dev.samtykke.core.policy.TimeSpan;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cookie's lifetime in words, Norwegian ({@code nb}, {@code nn}, {@code no}) or English (every
 * other language): {@code P2Y} is "2 år" or "2 years", {@code P1Y6M} "1 år og 6 måneder".
 */
public final class DurationText {

    private static final String[][] NB = {
            {"år", "år"}, {"måned", "måneder"}, {"dag", "dager"}, {"time", "timer"}, {"minutt", "minutter"},
            {"sekund", "sekunder"}};
    private static final String[][] EN = {
            {"year", "years"}, {"month", "months"}, {"day", "days"}, {"hour", "hours"}, {"minute", "minutes"},
            {"second", "seconds"}};

    private DurationText() {
    }

    /**
     * The span in words.
     *
     * @param span the span
     * @param locale the language
     * @param sessionText what to say for a session span
     * @return e.g. {@code 13 måneder}
     */
    public static String humanize(TimeSpan span, Locale locale, String sessionText) {
        if (span.isSession()) {
            return sessionText;
        }
        boolean norwegian = switch (locale.getLanguage()) {
            case "nb", "nn", "no" -> true;
            default -> false;
        };
        String[][] words = norwegian ? NB : EN;
        Period period = span.period();
        Duration time = span.time();
        long[] amounts = {period.getYears(), period.getMonths(), period.getDays(), time.toHours(),
                time.toMinutesPart(), time.toSecondsPart()};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                parts.add(amounts[i] + " " + words[i][amounts[i] == 1 ? 0 : 1]);
            }
        }
        if (parts.isEmpty()) {
            return "0 " + words[5][1];
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String and = norwegian ? " og " : " and ";
        return String.join(", ", parts.subList(0, parts.size() - 1)) + and + parts.get(parts.size() - 1);
    }
}
