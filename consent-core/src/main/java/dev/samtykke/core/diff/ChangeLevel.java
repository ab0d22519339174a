package dev.samtykke.core.diff;

/**
 * How much a policy change does to consent already given, and so which version bump it needs.
 * Ordered from least to most: {@code NONE < MINOR < MAJOR}.
 */
public enum ChangeLevel {
    /** Nothing but the version differs: the version may stay. */
    NONE,
    /**
     * Earlier decisions stay valid: no grant covers more than the visitor agreed to (texts, removals,
     * a new consent-based purpose that is asked for on its own, …). Needs at least {@code major.(minor+1)}.
     */
    MINOR,
    /**
     * A grant given under the old file would cover more than the visitor agreed to: every earlier
     * decision must be asked for again. Needs {@code (major+1).0} or later.
     */
    MAJOR
}
