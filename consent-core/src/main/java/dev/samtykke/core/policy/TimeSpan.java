package dev.samtykke.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;

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

    /** The most digits a number of a span may have. */
    public static final int MAX_DIGITS = 6;

    /** The ISO-8601 duration forms accepted; {@code P} alone and a trailing {@code T} are excluded separately. */
    private static final Pattern FORMAT = Pattern.compile(
            "P(N+Y)?(N+M)?(N+W)?(N+D)?(T(N+H)?(N+M)?(N+(\\.\\d{1,9})?S)?)?".replace("N+", "\\d{1," + MAX_DIGITS + "}"));

    /** A fixed instant used to compare calendar-based spans deterministically. */
    private static final Instant REFERENCE = Instant.parse("2000-01-01T00:00:00Z");

    /** Creates a span; prefer {@link #parse(String)}, {@link #of(Period)} and {@link #session()}. */
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
     * Parses an ISO-8601 duration such as {@code P13M}, {@code P2Y}, {@code P1DT12H} or {@code PT30M}, or
     * {@code session}. The letters are upper case; each number has at most {@value #MAX_DIGITS} digits
     * (so that adding the span to an instant cannot overflow); only seconds may have a fraction.
     *
     * @param text the text as written in a policy file
     * @return the span
     * @throws IllegalArgumentException if the text is neither
     */
    public static TimeSpan parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("duration is missing");
        }
        if (SESSION.equals(text)) {
            return session();
        }
        if (!FORMAT.matcher(text).matches() || text.equals("P") || text.endsWith("T")) {
            throw new IllegalArgumentException("invalid ISO-8601 duration '" + text
                    + "', expected e.g. P13M, P2Y, P30D or PT30M (or 'session' for a cookie)");
        }
        int t = text.indexOf('T');
        Period period = t < 0 ? Period.parse(text) : (t == 1 ? Period.ZERO : Period.parse(text.substring(0, t)));
        Duration time = t < 0 ? Duration.ZERO : Duration.parse("P" + text.substring(t));
        return new TimeSpan(text, period, time);
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
