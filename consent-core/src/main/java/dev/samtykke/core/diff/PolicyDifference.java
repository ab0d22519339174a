package dev.samtykke.core.diff;

import java.util.Objects;

/**
 * One difference between two policies.
 *
 * @param path where it is, by id rather than by position, e.g. {@code services[ga].cookies[_ga].duration}
 *             ({@code ""} for the whole file)
 * @param rule the rule it triggered, which fixes its level
 * @param detail what changed and why it has its level, in words
 */
public record PolicyDifference(String path, DiffRule rule, String detail) {

    /**
     * Checks the parts.
     *
     * @param path where the difference is
     * @param rule the rule it triggered
     * @param detail what changed
     */
    public PolicyDifference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * The version bump this difference needs.
     *
     * @return the rule's level
     */
    public ChangeLevel level() {
        return rule.level();
    }

    @Override
    public String toString() {
        return rule.level() + " " + (path.isEmpty() ? "(policy)" : path) + " [" + rule.id() + "] " + detail;
    }
}
