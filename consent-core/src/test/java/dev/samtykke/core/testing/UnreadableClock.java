package dev.samtykke.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that fails when read: shows that code given a time does not read its clock. */
public final class UnreadableClock extends Clock {

    /** The message of the exception a read throws. */
    public static final String MESSAGE = "the clock was read";

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        throw new IllegalStateException(MESSAGE);
    }
}
