package dev.samtykke.servlet.internal;

import java.time.Instant;

/**
 * A {@code Set-Cookie} header value read the way a browser reads it (RFC 6265bis §5.7), in one pass:
 *
 * <ul>
 *   <li>The name and value are the text before the first {@code ;}, split at its first {@code =} and
 *       trimmed of spaces and tabs. Without {@code =} the name is empty and the whole text is the value:
 *       a browser keeps that as a <em>nameless</em> cookie and sends it back as its bare value, so
 *       {@code =_ga=x} comes back as {@code _ga=x}. {@link #judgedName()} is therefore the name the
 *       server will see: the name, or for a nameless cookie the part of its value before {@code =}.</li>
 *   <li>Attributes are the {@code ;}-separated parts after it, their names compared ASCII
 *       case-insensitively. The <em>last</em> valid {@code Max-Age} decides if there is one
 *       ({@code -?DIGIT+}; zero or less expires the cookie); else the last valid {@code Expires}
 *       ({@link CookieDate}) decides, a date before now expiring the cookie.</li>
 *   <li>When in doubt, a header is no deletion: browsers differ on attributes the RFC says to ignore
 *       (a lenient integer reader takes {@code Max-Age=+5} or {@code 5s} as 5; some browsers fall back
 *       to {@code Expires} when the last {@code Max-Age} is unreadable, where the RFC keeps an earlier
 *       valid one). So a header with any {@code Max-Age}
 *       or {@code Expires} that is not valid (malformed, over 1024 characters, or an {@code Expires}
 *       with a character outside printable ASCII) is not read as a deletion.</li>
 *   <li>A control character other than a tab ({@link #hasControlCharacter()}) makes browsers ignore
 *       the whole header; a line break could start another header in a server that does not reject it.</li>
 * </ul>
 */
final class SetCookieHeader {

    /** The longest attribute value browsers read (RFC 6265bis §5.7, step 6 of the attributes). */
    static final int MAX_ATTRIBUTE_VALUE = 1024;

    private final String name;
    private final String value;
    private final boolean controlCharacter;
    /** Whether a {@code Max-Age} or {@code Expires} could not be read. */
    private boolean doubtful;
    private boolean hasMaxAge;
    private boolean maxAgeExpires;
    private boolean hasExpires;
    private long expires;

    private SetCookieHeader(String header) {
        int length = header.length();
        boolean control = false;
        int semicolon = -1;
        int eq = -1;
        for (int i = 0; i < length; i++) {
            char c = header.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                control = true;
            } else if (c == ';' && semicolon < 0) {
                semicolon = i;
            } else if (c == '=' && eq < 0 && semicolon < 0) {
                eq = i;
            }
        }
        this.controlCharacter = control;
        int pairEnd = semicolon < 0 ? length : semicolon;
        if (eq < 0) {
            this.name = "";
            this.value = trimmed(header, 0, pairEnd);
        } else {
            this.name = trimmed(header, 0, eq);
            this.value = trimmed(header, eq + 1, pairEnd);
        }
        for (int start = pairEnd + 1; start <= length; ) {
            int end = start;
            int attributeEq = -1;
            while (end < length && header.charAt(end) != ';') {
                if (header.charAt(end) == '=' && attributeEq < 0) {
                    attributeEq = end;
                }
                end++;
            }
            attribute(header, start, attributeEq < 0 ? end : attributeEq, attributeEq < 0 ? end : attributeEq + 1, end);
            start = end + 1;
        }
    }

    /**
     * Reads a header value.
     *
     * @param header the {@code Set-Cookie} value
     * @return what a browser reads in it
     */
    static SetCookieHeader parse(String header) {
        return new SetCookieHeader(header);
    }

    private void attribute(String header, int nameFrom, int nameTo, int valueFrom, int valueTo) {
        nameFrom = skipSpaces(header, nameFrom, nameTo);
        nameTo = trimEnd(header, nameFrom, nameTo);
        valueFrom = skipSpaces(header, valueFrom, valueTo);
        valueTo = trimEnd(header, valueFrom, valueTo);
        if (Ascii.equalsIgnoreCase(header, nameFrom, nameTo, "max-age")) {
            maxAge(header, valueFrom, valueTo);
        } else if (Ascii.equalsIgnoreCase(header, nameFrom, nameTo, "expires")) {
            expires(header, valueFrom, valueTo);
        }
    }

    /** {@code -?DIGIT+}; zero or less expires the cookie. */
    private void maxAge(String header, int from, int to) {
        boolean negative = from < to && header.charAt(from) == '-';
        int digits = negative ? from + 1 : from;
        boolean zero = true;
        boolean valid = digits < to && to - from <= MAX_ATTRIBUTE_VALUE;
        for (int i = digits; i < to && valid; i++) {
            char c = header.charAt(i);
            valid = c >= '0' && c <= '9';
            zero &= c == '0';
        }
        if (!valid) {
            doubtful = true;
            return;
        }
        hasMaxAge = true;
        maxAgeExpires = negative || zero;
    }

    private void expires(String header, int from, int to) {
        boolean valid = to - from <= MAX_ATTRIBUTE_VALUE;
        for (int i = from; i < to && valid; i++) {
            char c = header.charAt(i);
            valid = c >= 0x20 && c < 0x7F || c == '\t';
        }
        long date = valid ? CookieDate.parse(header, from, to) : CookieDate.INVALID;
        if (date == CookieDate.INVALID) {
            doubtful = true;
            return;
        }
        hasExpires = true;
        expires = date;
    }

    /** The cookie's name; empty for a nameless cookie. */
    String name() {
        return name;
    }

    /** The cookie's value, trimmed. */
    String value() {
        return value;
    }

    /**
     * The name the server will see the cookie under: its name, or for a nameless cookie the trimmed
     * part of its value before the first {@code =} (empty if it has none).
     */
    String judgedName() {
        if (!name.isEmpty()) {
            return name;
        }
        int eq = value.indexOf('=');
        return eq < 0 ? "" : trimmed(value, 0, eq);
    }

    /** Whether the header holds a control character other than a tab (browsers ignore such a header). */
    boolean hasControlCharacter() {
        return controlCharacter;
    }

    /**
     * Whether the browser drops the cookie: the last {@code Max-Age} is zero or less, or, without one,
     * the last {@code Expires} is before now, and no {@code Max-Age} or {@code Expires} is in doubt.
     *
     * @param now the current time
     * @return {@code true} for a deletion
     */
    boolean isDeletion(Instant now) {
        if (doubtful) {
            return false;
        }
        if (hasMaxAge) {
            return maxAgeExpires;
        }
        long seconds = now.getEpochSecond();
        return hasExpires && (expires < seconds || expires == seconds && now.getNano() > 0);
    }

    private static String trimmed(String s, int from, int to) {
        from = skipSpaces(s, from, to);
        return s.substring(from, trimEnd(s, from, to));
    }

    private static int skipSpaces(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }
}
