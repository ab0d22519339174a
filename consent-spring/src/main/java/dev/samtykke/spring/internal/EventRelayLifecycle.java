package dev.samtykke.spring.internal;

import dev.samtykke.core.events.ConsentOutbox;
import dev.samtykke.core.events.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the consent event relay with the application context: started when the context is, stopped (its deliveries
 * under way released for the next start) when it closes, before the beans it uses are destroyed. Hourly it deletes
 * the delivered events older than the retention.
 */
public final class EventRelayLifecycle implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelayLifecycle.class);

    private final OutboxRelay relay;
    private final ConsentOutbox outbox;
    private final Duration retention;
    private ScheduledExecutorService purger;
    private volatile boolean running;

    /**
     * A lifecycle for a relay.
     *
     * @param relay the relay, not started
     * @param outbox its outbox, purged of delivered events
     * @param retention how long delivered events are kept
     */
    public EventRelayLifecycle(OutboxRelay relay, ConsentOutbox outbox, Duration retention) {
        this.relay = relay;
        this.outbox = outbox;
        this.retention = retention;
    }

    /** The relay. */
    public OutboxRelay relay() {
        return relay;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        relay.start();
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "samtykke-events-purge");
            t.setDaemon(true);
            return t;
        });
        purger.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
        running = true;
    }

    private void purge() {
        try {
            int purged = outbox.purgeDelivered(Clock.systemUTC().instant().minus(retention));
            if (purged > 0) {
                LOG.info("Consent events: {} delivered events older than {} deleted from the outbox", purged, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Consent events: could not delete delivered events from the outbox: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        purger.shutdownNow();
        relay.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
