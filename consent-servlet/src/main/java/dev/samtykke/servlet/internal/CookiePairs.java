package dev.samtykke.servlet.internal;

import java.util.Set;

/**
 * The {@code name=value} pairs of one {@code Cookie} request header (up to {@link #MAX_HEADER}
 * characters), scanned in place. Every character is visited a bounded number of times, so a scan is
 * linear in the header whatever it holds ({@code a;a;a;…}, no {@code =} at all, one long value).
 * Tolerant: pairs without {@code =} or with an empty name are skipped.
 */
final class CookiePairs {

    /** Longest cookie header considered; longer ones are read only up to here. */
    static final int MAX_HEADER = 16 * 1024;

    private final CharSequence header;
    /** The header, where it is a {@code String} no longer than the limit (so that a search may run to its end). */
    private final String text;
    private final int length;
    private int pos;
    /** Of the current pair: its name {@code [nameStart, nameEnd)}, its {@code =}, and its end ({@code ;} or the end). */
    private int nameStart;
    private int nameEnd;
    private int eq;
    private int end;

    CookiePairs(CharSequence header) {
        this.header = header;
        this.length = Math.min(header.length(), MAX_HEADER);
        this.text = header instanceof String s && s.length() <= MAX_HEADER ? s : null;
    }

    /**
     * The value of the first cookie with this name in one header.
     *
     * @param header the header value, e.g. {@code a=1; consent=xyz}
     * @param name the cookie name
     * @return the value without surrounding quotes and spaces, or {@code null}
     */
    static String find(CharSequence header, String name) {
        if (header == null) {
            return null;
        }
        for (CookiePairs pairs = new CookiePairs(header); pairs.next(); ) {
            if (pairs.nameIs(name)) {
                return pairs.value();
            }
        }
        return null;
    }

    /**
     * Adds the names of the cookies of one header to a set, in order.
     *
     * @param header the header value
     * @param names where to add them
     */
    static void addNames(CharSequence header, Set<String> names) {
        if (header == null) {
            return;
        }
        for (CookiePairs pairs = new CookiePairs(header); pairs.next(); ) {
            names.add(pairs.name());
        }
    }

    /**
     * Moves to the next pair with a non-empty name; {@code false} when there is none. One pass: the
     * pair's name is read up to its first {@code =} (or a {@code ;}, ending a pair without one), then
     * its value is skipped to the next {@code ;}; no character is visited twice and no search runs past
     * the pair. A value is skipped with {@link String#indexOf(int, int)}, which the JIT vectorises, where
     * the header is a {@code String} within the limit (a consent cookie's value is about 120 characters).
     */
    boolean next() {
        while (pos < length) {
            int start = pos;
            int i = start;
            char c = 0;
            while (i < length && (c = header.charAt(i)) != ';' && c != '=') {
                i++;
            }
            if (i == length || c == ';') {
                pos = i + 1; // a pair without '='
                continue;
            }
            int firstEq = i;
            end = endOfValue(firstEq + 1);
            pos = end + 1;
            nameStart = skipSpaces(start, firstEq);
            nameEnd = trimEnd(nameStart, firstEq);
            if (nameEnd > nameStart) {
                eq = firstEq;
                return true;
            }
        }
        return false;
    }

    /** The end of the value starting at {@code from}: the next {@code ;}, or the end of what is read. */
    private int endOfValue(int from) {
        if (text != null) {
            int semicolon = text.indexOf(';', from);
            return semicolon < 0 ? length : semicolon;
        }
        int i = from;
        while (i < length && header.charAt(i) != ';') {
            i++;
        }
        return i;
    }

    /** The current pair's name. */
    String name() {
        return header.subSequence(nameStart, nameEnd).toString();
    }

    /** Whether the current pair's name is this one. */
    boolean nameIs(String name) {
        if (nameEnd - nameStart != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (header.charAt(nameStart + i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The current pair's value, without surrounding spaces and double quotes. */
    String value() {
        int from = skipSpaces(eq + 1, end);
        int to = trimEnd(from, end);
        if (to - from >= 2 && header.charAt(from) == '"' && header.charAt(to - 1) == '"') {
            from++;
            to--;
        }
        return header.subSequence(from, to).toString();
    }

    private int skipSpaces(int from, int to) {
        while (from < to && isSpace(header.charAt(from))) {
            from++;
        }
        return from;
    }

    private int trimEnd(int from, int to) {
        while (to > from && isSpace(header.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
