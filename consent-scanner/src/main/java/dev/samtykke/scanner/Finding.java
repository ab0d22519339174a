package dev.samtykke.scanner;

import java.util.Objects;

/**
 * One thing the scan found.
 *
 * @param kind what it is
 * @param name the cookie name, storage key, host or declaration it is about
 * @param page the URL of the first page it was seen on, or {@code null} for an {@link FindingKind#UNUSED} declaration
 * @param state the consent state it was seen in
 * @param detail a sentence saying what was seen and why it matters
 */
public record Finding(FindingKind kind, String name, String page, VisitState state, String detail) {
    /** Creates a finding. */
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether this is a warning, which does not fail a scan. */
    public boolean warning() {
        return kind.warning();
    }
}
