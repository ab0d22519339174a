package dev.samtykke.servlet.internal;

import java.time.LocalDate;
import java.time.Year;

/**
 * The cookie-date algorithm of RFC 6265 §5.1.1 (unchanged in RFC 6265bis), by which browsers read
 * a {@code Set-Cookie}'s {@code Expires}: the text is cut into tokens at delimiters; the first token
 * that reads as a time ({@code hh:mm:ss}), then as a day of the month (1–2 digits), a month (its
 * first three letters), a year (2–4 digits) fixes each, in that order of preference; two-digit years
 * 70–99 are 1970–1999 and 0–69 are 2000–2069; a date with a part missing or out of range, or that
 * does not exist (30 February), is no date. One pass, no regular expression.
 */
final class CookieDate {

    /** What {@link #parse} answers for text that is no cookie-date. */
    static final long INVALID = Long.MIN_VALUE;

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final int EARLIEST_YEAR = 1601;

    private CookieDate() {
    }

    /**
     * Reads a cookie-date.
     *
     * @param text the text holding it
     * @param from where it starts
     * @param to where it ends (exclusive)
     * @return the date in seconds since the epoch (UTC), or {@link #INVALID}
     */
    static long parse(CharSequence text, int from, int to) {
        int hour = -1;
        int minute = -1;
        int second = -1;
        int day = -1;
        int month = -1;
        int year = -1;
        int i = from;
        while (i < to) {
            while (i < to && isDelimiter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < to && !isDelimiter(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            int number;
            if (hour < 0 && (number = time(text, start, i)) >= 0) {
                hour = number / 10_000;
                minute = number / 100 % 100;
                second = number % 100;
            } else if (day < 0 && (number = digits(text, start, i, 1, 2)) >= 0) {
                day = number;
            } else if (month < 0 && (number = month(text, start, i)) > 0) {
                month = number;
            } else if (year < 0 && (number = digits(text, start, i, 2, 4)) >= 0) {
                year = number;
            }
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (hour < 0 || day < 1 || day > 31 || month < 0 || year < EARLIEST_YEAR
                || hour > 23 || minute > 59 || second > 59
                || day > java.time.Month.of(month).length(Year.isLeap(year))) {
            return INVALID;
        }
        return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
    }

    /** {@code %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E}. */
    static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40) || (c >= 0x5B && c <= 0x60)
                || (c >= 0x7B && c <= 0x7E);
    }

    /**
     * {@code time = hms-time [ non-digit *OCTET ]}, {@code hms-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT}:
     * the fields as {@code hh * 10000 + mm * 100 + ss}, or -1.
     */
    private static int time(CharSequence text, int from, int to) {
        int packed = 0;
        int i = from;
        for (int field = 0; field < 3; field++) {
            if (field > 0) {
                if (i >= to || text.charAt(i) != ':') {
                    return -1;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 2 && isDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return -1;
            }
            packed = packed * 100 + value;
        }
        if (i < to && isDigit(text.charAt(i))) {
            return -1;
        }
        return packed;
    }

    /** {@code min*maxDIGIT [ non-digit *OCTET ]}: the number, or -1. */
    private static int digits(CharSequence text, int from, int to, int min, int max) {
        int i = from;
        int value = 0;
        while (i < to && i - from < max && isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        if (i - from < min || (i < to && isDigit(text.charAt(i)))) {
            return -1;
        }
        return value;
    }

    /** {@code ( "jan" / … / "dec" ) *OCTET}, ASCII case-insensitively: the month 1–12, or -1. */
    private static int month(CharSequence text, int from, int to) {
        if (to - from < 3) {
            return -1;
        }
        for (int m = 0; m < 12; m++) {
            boolean same = true;
            for (int k = 0; k < 3 && same; k++) {
                same = Ascii.lower(text.charAt(from + k)) == MONTHS.charAt(m * 3 + k);
            }
            if (same) {
                return m + 1;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
