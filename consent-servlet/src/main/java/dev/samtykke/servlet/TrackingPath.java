package dev.samtykke.servlet;

import dev.samtykke.servlet.internal.PathGlob;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
 *       matches any number of segments, none included ({@code /api/**}{@code /track} matches
 *       {@code /api/track} and {@code /api/v1/x/track}); {@code **} inside a segment is a {@code *}.</li>
 * </ul>
 * Matching takes time at most proportional to the path's length times the pattern's, whatever the
 * pattern: it runs on every request, before any authentication.
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
     * A matcher for this pattern; compiled once, cheap to apply: its work grows at most with the
     * path's length times the pattern's, never exponentially (no regular expressions, no backtracking).
     *
     * @return a matcher of paths
     */
    public Matcher matcher() {
        PathGlob glob = PathGlob.compile(pattern);
        return glob::matches;
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
