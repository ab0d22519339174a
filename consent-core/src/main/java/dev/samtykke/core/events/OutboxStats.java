package dev.samtykke.core.events;

import java.time.Duration;

/**
 * How far delivery lags behind.
 *
 * @param pending events not yet delivered (or dead-lettered)
 * @param deadLettered events given up on, kept for inspection
 * @param lag the age of the oldest pending event ({@link Duration#ZERO} when none is pending)
 */
public record OutboxStats(long pending, long deadLettered, Duration lag) {
}
