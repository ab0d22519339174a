package dev.samtykke.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A length of time written as an ISO-8601 duration ({@code P13M}, {@code P2Y}, {@code P1DT12H},
 * {@code PT30M}), or the special value {@code session} for a cookie that lives until the browser closes.
 * Calendar parts (years, months, weeks, days) are added in UTC; time parts exactly.
 *
 * @param iso the text as written in the policy file (canonical for equality)
 * @param period the calendar part (zero for {@code session})
 * @param time the time part (zero for {@code session})
 */
public record TimeSpan(String iso, Period period, Duration time) implements Comparable<TimeSpan> {

    /** The text of a session-scoped duration. */
    public static final String SESSION = "session";

    /** A fixed instant used to compare calendar-based spans deterministically. */
    private static final Instant REFERENCE = Instant.parse("2000-01-01T00:00:00Z");

    public TimeSpan {
        Objects.requireNonNull(iso, "iso");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(time, "time");
    }

    /** A session-scoped span (the cookie ends with the browser session). */
    public static TimeSpan session() {
        return new TimeSpan(SESSION, Period.ZERO, Duration.ZERO);
    }

    /** A span of the given calendar period. */
    public static TimeSpan of(Period period) {
        return new TimeSpan(period.toString(), period, Duration.ZERO);
    }

    /**
     * Parses an ISO-8601 duration such as {@code P13M} or {@code PT30M}, or {@code session}.
     *
     * @throws IllegalArgumentException if the text is neither, or is negative
     */
    public static TimeSpan parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("duration is missing");
        }
        if (SESSION.equals(text)) {
            return session();
        }
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        if (!upper.startsWith("P") || upper.equals("P") || upper.endsWith("T")) {
            throw invalid(text);
        }
        int t = upper.indexOf('T');
        try {
            Period period = t < 0 ? Period.parse(upper) : (t == 1 ? Period.ZERO : Period.parse(upper.substring(0, t)));
            Duration time = t < 0 ? Duration.ZERO : Duration.parse("P" + upper.substring(t));
            if (period.isNegative() || time.isNegative()) {
                throw invalid(text);
            }
            return new TimeSpan(text, period, time);
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    /** Whether the text is a valid span. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid ISO-8601 duration '" + text + "', expected e.g. P13M, P2Y, P30D or PT30M");
    }

    /** Whether this is the {@code session} span. */
    public boolean isSession() {
        return SESSION.equals(iso);
    }

    /** The instant this span after {@code start} (calendar parts in UTC); {@code start} for a session span. */
    public Instant addTo(Instant start) {
        Instant withPeriod = period.isZero() ? start : start.atOffset(ZoneOffset.UTC).plus(period).toInstant();
        return withPeriod.plus(time);
    }

    /** An exact length, measured from a fixed reference date; used for comparisons and display. */
    public Duration approximate() {
        return Duration.between(REFERENCE, addTo(REFERENCE));
    }

    @Override
    public int compareTo(TimeSpan o) {
        return approximate().compareTo(o.approximate());
    }

    @Override
    public String toString() {
        return iso;
    }
}
