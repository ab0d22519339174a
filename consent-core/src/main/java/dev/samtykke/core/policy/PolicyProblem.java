package dev.samtykke.core.policy;

import java.util.Objects;

/**
 * One problem found in a policy, with the path of the offending value, e.g.
 * {@code purposes[3].category: unknown category 'analytic'}.
 *
 * @param path where the problem is, in the file's structure ({@code ""} for the whole file)
 * @param message what is wrong
 */
public record PolicyProblem(String path, String message) {
    /** Creates a problem. */
    public PolicyProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
