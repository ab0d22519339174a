package dev.samtykke.servlet.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A tracking-path pattern compiled for matching without regular expressions and without
 * backtracking blow-up: {@code /collect} exactly, {@code /collect/**} that path and everything below,
 * {@code *} any characters within one segment, {@code **} as a whole segment any number of segments
 * (zero included). A {@code **} inside a segment ({@code a**b}) is two {@code *}s.
 *
 * <p>The general case matches segment by segment, with the two-pointer algorithm of wildcard
 * matching: {@code **} is the wildcard, every other pattern segment matches exactly one path segment,
 * and on a mismatch only the last {@code **} takes one more segment. Within a segment, {@code *}
 * is matched greedily: the text before the first {@code *} as a prefix, after the last as a suffix, and
 * each piece between at its leftmost place. The work is at most proportional to the path's length
 * times the pattern's length, with no exponential case; patterns with one trailing {@code **} or none
 * are a prefix or an equality check.
 */
public final class PathGlob {

    /** The whole pattern when it has no {@code *}. */
    private final String literal;
    /** The base of a pattern {@code base/**} with no other {@code *}. */
    private final String base;
    /** Per pattern segment: {@code null} for {@code **}, else its text split at {@code *} (one piece without a {@code *}). */
    private final String[][] segments;

    private PathGlob(String literal, String base, String[][] segments) {
        this.literal = literal;
        this.base = base;
        this.segments = segments;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern starting with {@code /}
     * @return the compiled pattern
     * @throws IllegalArgumentException if the pattern does not start with {@code /}
     */
    public static PathGlob compile(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': " + pattern);
        }
        int star = pattern.indexOf('*');
        if (star < 0) {
            return new PathGlob(pattern, null, null);
        }
        if (pattern.endsWith("/**") && star == pattern.length() - 2) {
            return new PathGlob(null, pattern.substring(0, pattern.length() - 3), null);
        }
        String[] parts = pattern.substring(1).split("/", -1);
        String[][] segments = new String[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            segments[i] = parts[i].equals("**") ? null : pieces(parts[i]);
        }
        return new PathGlob(null, null, segments);
    }

    private static String[] pieces(String segment) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        for (int star; (star = segment.indexOf('*', from)) >= 0; from = star + 1) {
            pieces.add(segment.substring(from, star));
        }
        pieces.add(segment.substring(from));
        return pieces.toArray(new String[0]);
    }

    /**
     * Whether a path matches.
     *
     * @param path the path inside the web application, starting with {@code /} (or empty)
     * @return whether it matches
     */
    public boolean matches(CharSequence path) {
        if (literal != null) {
            return path.length() == literal.length() && regionEquals(path, 0, literal);
        }
        if (base != null) {
            int length = base.length();
            return regionEquals(path, 0, base) && (path.length() == length || path.charAt(length) == '/');
        }
        return matchesSegments(path);
    }

    /**
     * The two-pointer wildcard match over segments. {@code p} is the index of the {@code /} that
     * starts the next path segment, or the path's length once every segment is consumed.
     */
    private boolean matchesSegments(CharSequence path) {
        int length = path.length();
        if (length > 0 && path.charAt(0) != '/') {
            return false;
        }
        int count = segments.length;
        int t = 0;
        int p = 0;
        int starT = -1;
        int starP = -1;
        while (p < length) {
            if (t < count && segments[t] == null) {
                starT = t++;
                starP = p;
                continue;
            }
            if (t < count) {
                int end = segmentEnd(path, p + 1, length);
                if (globMatches(segments[t], path, p + 1, end)) {
                    p = end;
                    t++;
                    continue;
                }
            }
            if (starT < 0) {
                return false;
            }
            starP = segmentEnd(path, starP + 1, length); // the last ** takes one more segment
            p = starP;
            t = starT + 1;
        }
        while (t < count && segments[t] == null) {
            t++;
        }
        return t == count;
    }

    private static int segmentEnd(CharSequence path, int from, int length) {
        int i = from;
        while (i < length && path.charAt(i) != '/') {
            i++;
        }
        return i;
    }

    /** Whether the segment {@code path[from, to)} (no {@code /} in it) matches one pattern segment. */
    private static boolean globMatches(String[] pieces, CharSequence path, int from, int to) {
        String first = pieces[0];
        if (pieces.length == 1) {
            return to - from == first.length() && regionEquals(path, from, first);
        }
        String last = pieces[pieces.length - 1];
        int limit = to - last.length();
        if (limit - from < first.length() || !regionEquals(path, from, first) || !regionEquals(path, limit, last)) {
            return false;
        }
        int i = from + first.length();
        for (int k = 1; k < pieces.length - 1; k++) {
            String piece = pieces[k];
            int at = indexOf(path, piece, i, limit);
            if (at < 0) {
                return false;
            }
            i = at + piece.length();
        }
        return true;
    }

    /** The leftmost place of {@code piece} within {@code path[from, limit)}, or -1. */
    private static int indexOf(CharSequence path, String piece, int from, int limit) {
        for (int at = from; at + piece.length() <= limit; at++) {
            if (regionEquals(path, at, piece)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean regionEquals(CharSequence path, int at, String text) {
        if (at + text.length() > path.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (path.charAt(at + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
