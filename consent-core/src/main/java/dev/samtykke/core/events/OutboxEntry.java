package dev.samtykke.core.events;

import java.util.Objects;
import java.util.Set;

/**
 * An event claimed from a {@link ConsentOutbox} for delivery.
 *
 * @param event the event
 * @param attempts the failed deliveries so far
 * @param deliveredTo the names of the sinks that already have it (a retry skips them)
 */
public record OutboxEntry(ConsentEvent event, int attempts, Set<String> deliveredTo) {

    /** Checks that no part is missing. */
    public OutboxEntry {
        Objects.requireNonNull(event, "event");
        deliveredTo = Set.copyOf(deliveredTo);
    }
}
