package dev.samtykke.spring.internal;

import dev.samtykke.core.events.ConsentEvent;
import dev.samtykke.core.events.ConsentOutbox;
import dev.samtykke.core.events.OutboxRelay;
import dev.samtykke.core.events.OutboxStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Micrometer meters of consent event delivery: counters {@code samtykke.events.delivered} (tag {@code sink}),
 * {@code samtykke.events.retried} and {@code samtykke.events.dead.lettered}; gauges {@code samtykke.events.pending},
 * {@code samtykke.events.dead} and {@code samtykke.events.lag} (seconds since the oldest pending event was written),
 * read from the outbox at most every 5 s. Bound once every singleton exists, if the application has a
 * {@link MeterRegistry}; counts nothing otherwise.
 */
public final class EventMetrics implements OutboxRelay.Listener, SmartInitializingSingleton {

    private static final Duration STATS_AGE = Duration.ofSeconds(5);

    private final ObjectProvider<MeterRegistry> registries;
    private final ConsentOutbox outbox;
    private volatile MeterRegistry registry;
    private volatile Counter retried;
    private volatile Counter deadLettered;
    private volatile OutboxStats stats = new OutboxStats(0, 0, Duration.ZERO);
    private volatile Instant statsAt = Instant.MIN;

    /**
     * Meters in the application's registry, if it has one.
     *
     * @param registries the registry, if any
     * @param outbox the outbox whose backlog the gauges show
     */
    public EventMetrics(ObjectProvider<MeterRegistry> registries, ConsentOutbox outbox) {
        this.registries = registries;
        this.outbox = outbox;
    }

    @Override
    public void afterSingletonsInstantiated() {
        MeterRegistry registry = registries.getIfAvailable();
        if (registry == null) {
            return;
        }
        this.retried = Counter.builder("samtykke.events.retried").description("Failed consent event deliveries that will be retried")
                .register(registry);
        this.deadLettered = Counter.builder("samtykke.events.dead.lettered")
                .description("Consent events given up on after the attempt limit").register(registry);
        Gauge.builder("samtykke.events.pending", this, m -> m.stats().pending()).description("Consent events not yet delivered")
                .register(registry);
        Gauge.builder("samtykke.events.dead", this, m -> m.stats().deadLettered()).description("Dead-lettered consent events held")
                .register(registry);
        Gauge.builder("samtykke.events.lag", this, m -> m.stats().lag().toMillis() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest consent event not yet delivered").register(registry);
        this.registry = registry;
    }

    private OutboxStats stats() {
        Instant now = Clock.systemUTC().instant();
        if (statsAt.plus(STATS_AGE).isBefore(now)) {
            try {
                stats = outbox.stats(now);
            } catch (RuntimeException e) {
                // the database is down: keep the last figures
            }
            statsAt = now;
        }
        return stats;
    }

    @Override
    public void delivered(ConsentEvent event, String sink) {
        MeterRegistry registry = this.registry;
        if (registry == null) {
            return;
        }
        Counter.builder("samtykke.events.delivered").description("Consent events delivered").tag("sink", sink)
                .register(registry).increment();
    }

    @Override
    public void retried(ConsentEvent event, int attempts, String error) {
        if (retried != null) {
            retried.increment();
        }
    }

    @Override
    public void deadLettered(ConsentEvent event, int attempts, String error) {
        if (deadLettered != null) {
            deadLettered.increment();
        }
    }
}
