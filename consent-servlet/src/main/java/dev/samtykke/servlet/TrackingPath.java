package dev.samtykke.servlet;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path of the application that tracks (a collection endpoint, a pixel), tied to the purposes it
 * serves. {@link ConsentFilter} answers a request to it with {@code 204 No Content}, without running
 * the application, unless every one of its purposes is granted.
 *
 * <p>Patterns are matched against the path inside the web application (without the context path,
 * decoded and normalised by the container), case-sensitively:
 * <ul>
 *   <li>{@code /collect}: exactly that path;</li>
 *   <li>{@code /collect/**}: {@code /collect} and every path below it;</li>
 *   <li>{@code *} matches within one path segment ({@code /px/*.gif}), {@code **} as a whole segment
 *       matches any number of segments ({@code /api/**}{@code /track}).</li>
 * </ul>
 *
 * @param pattern the pattern as written
 * @param purposes the ids of the purposes that must all be granted
 */
public record TrackingPath(String pattern, List<String> purposes) {

    /**
     * Validates the pattern and the purposes.
     *
     * @throws IllegalArgumentException if the pattern does not start with {@code /} or no purpose is given
     */
    public TrackingPath {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("tracking path pattern '" + pattern + "' must start with '/'");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String purpose : Objects.requireNonNull(purposes, "purposes")) {
            if (purpose == null || purpose.isBlank()) {
                throw new IllegalArgumentException("tracking path '" + pattern + "' has a blank purpose id");
            }
            unique.add(purpose.trim());
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("tracking path '" + pattern + "' names no purpose");
        }
        purposes = List.copyOf(unique);
    }

    /**
     * A tracking path.
     *
     * @param pattern e.g. {@code /collect/**}
     * @param purposeIds the purposes that must all be granted
     * @return the tracking path
     */
    public static TrackingPath of(String pattern, String... purposeIds) {
        return new TrackingPath(pattern, List.of(purposeIds));
    }

    /**
     * A matcher for this pattern; compiled once, cheap to apply.
     *
     * @return a matcher of paths
     */
    public Matcher matcher() {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern::equals;
        }
        if (pattern.endsWith("/**") && star == pattern.length() - 2) {
            String base = pattern.substring(0, pattern.length() - 3);
            String prefix = base + "/";
            return path -> path.startsWith(prefix) || path.equals(base);
        }
        Pattern regex = toRegex(pattern);
        return path -> regex.matcher(path).matches();
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        String[] segments = pattern.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.equals("**")) {
                regex.append("(?:/.*)?");
                continue;
            }
            regex.append('/');
            int from = 0;
            int star;
            while ((star = segment.indexOf('*', from)) >= 0) {
                if (star > from) {
                    regex.append(Pattern.quote(segment.substring(from, star)));
                }
                regex.append("[^/]*");
                from = star + 1;
            }
            if (from < segment.length()) {
                regex.append(Pattern.quote(segment.substring(from)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether a path inside the web application matches a {@link TrackingPath}'s pattern. */
    @FunctionalInterface
    public interface Matcher {
        /**
         * Tests a path.
         *
         * @param path the path inside the web application, starting with {@code /}
         * @return whether it matches
         */
        boolean matches(String path);
    }
}
