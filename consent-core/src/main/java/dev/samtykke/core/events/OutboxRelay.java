package dev.samtykke.core.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the events of a {@link ConsentOutbox} to {@link ConsentEventSink sinks}: claims the events due (each
 * subject's oldest pending one), delivers each to every sink that does not have it yet, on a small pool of threads, and
 * settles it: delivered, retried after an exponential back-off with jitter, or dead-lettered after
 * {@link Builder#maxAttempts(int) maxAttempts} failed attempts. A subject's next event waits until the previous one is
 * delivered or dead-lettered, so each subject's events arrive in ledger order; delivery is at least once (a relay that
 * dies before it settles leaves its claims to expire and be claimed again), so receivers deduplicate by event id.
 *
 * <p>{@link #start()} polls every {@link Builder#pollInterval(Duration) pollInterval}; {@link #close()} stops, releasing
 * the events it was delivering for the next relay (another instance, or this application after a restart).
 * {@link #deliverDue()} runs one round by hand. Several relays, in one JVM or several, may share one outbox.
 */
public final class OutboxRelay implements AutoCloseable {

    /** The default number of attempts before an event is dead-lettered. */
    public static final int DEFAULT_MAX_ATTEMPTS = 12;
    /** The default wait before the first retry; doubled after each failure. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** The default longest wait between attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final ConsentOutbox outbox;
    private final List<ConsentEventSink> sinks;
    private final String id = UUID.randomUUID().toString();
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration lease;
    private final Duration pollInterval;
    private final int batchSize;
    private final int threads;
    private final Clock clock;
    private final Listener listener;
    private final Random random;
    private ScheduledExecutorService poller;
    private ExecutorService workers;
    private volatile boolean stopping;
    /** Whether the last round failed to reach the outbox (the failure is logged once, not every round). */
    private volatile boolean outboxFailing;

    private OutboxRelay(Builder b) {
        this.outbox = b.outbox;
        this.sinks = List.copyOf(b.sinks);
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.lease = b.lease;
        this.pollInterval = b.pollInterval;
        this.batchSize = b.batchSize;
        this.threads = b.threads;
        this.clock = b.clock;
        this.listener = b.listener;
        this.random = b.random;
    }

    /**
     * A builder.
     *
     * @param outbox the outbox to deliver from
     * @return the builder
     */
    public static Builder builder(ConsentOutbox outbox) {
        return new Builder(outbox);
    }

    /** The relay's id, which its claims carry. */
    public String id() {
        return id;
    }

    /**
     * Starts polling in the background: a round every poll interval, and at once again while rounds find a full batch.
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (poller != null) {
            throw new IllegalStateException("the relay is already started");
        }
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(threads, r -> daemon(r, "samtykke-events-" + n.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "samtykke-events-poll"));
        poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void poll() {
        try {
            while (!stopping && deliverDue() >= batchSize) {
                // a full batch: more may be due
            }
            if (outboxFailing) {
                outboxFailing = false;
                LOG.info("Consent events: the outbox is reachable again");
            }
        } catch (RuntimeException e) {
            if (!outboxFailing) {
                outboxFailing = true; // logged once per outage, not once per poll
                LOG.warn("Consent events: delivery round failed, tried again every {} ms: {}", pollInterval.toMillis(), e.toString());
            } else {
                LOG.debug("Consent events: delivery round failed again: {}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs one round: claims the events due, delivers and settles them, and returns when all are settled.
     *
     * @return how many events were claimed
     * @throws InterruptedException if interrupted while delivering (the unsettled events are released)
     */
    public int deliverDue() throws InterruptedException {
        List<OutboxEntry> claimed = outbox.claim(id, batchSize, clock.instant(), lease);
        if (claimed.isEmpty()) {
            return 0;
        }
        ExecutorService pool = workers;
        if (pool == null || claimed.size() == 1) {
            for (OutboxEntry e : claimed) {
                deliver(e);
            }
        } else {
            List<Callable<Void>> tasks = new ArrayList<>(claimed.size());
            for (OutboxEntry e : claimed) {
                tasks.add(() -> {
                    deliver(e);
                    return null;
                });
            }
            pool.invokeAll(tasks);
        }
        return claimed.size();
    }

    /** Delivers one claimed event to the sinks that lack it, then settles it. */
    private void deliver(OutboxEntry entry) throws InterruptedException {
        ConsentEvent event = entry.event();
        Set<String> done = new HashSet<>(entry.deliveredTo());
        String failure = null;
        for (ConsentEventSink sink : sinks) {
            if (done.contains(sink.name())) {
                continue;
            }
            if (stopping || Thread.currentThread().isInterrupted()) {
                release(entry, done);
                throw new InterruptedException("relay stopping");
            }
            try {
                sink.deliver(event);
                done.add(sink.name());
                listener.delivered(event, sink.name());
            } catch (InterruptedException e) {
                release(entry, done);
                throw e;
            } catch (Exception e) {
                failure = sink.name() + ": " + describe(e);
                if (stopping) {
                    release(entry, done);
                    return;
                }
            }
        }
        Instant now = clock.instant();
        try {
            if (failure == null) {
                outbox.delivered(id, event.eventId(), now);
                return;
            }
            int attempts = entry.attempts() + 1;
            if (attempts >= maxAttempts) {
                outbox.deadLetter(id, event.eventId(), attempts, done, failure, now);
                LOG.warn("Consent event {} ({}) dead-lettered after {} failed attempts; last: {}", event.eventId(),
                        event.type().id(), attempts, failure);
                listener.deadLettered(event, attempts, failure);
            } else {
                Duration wait = backoff(attempts);
                outbox.retry(id, event.eventId(), attempts, done, now.plus(wait), failure);
                LOG.info("Consent event {} not delivered (attempt {} of {}), retried in {} ms: {}", event.eventId(), attempts,
                        maxAttempts, wait.toMillis(), failure);
                listener.retried(event, attempts, failure);
            }
        } catch (RuntimeException e) {
            LOG.warn("Consent event {}: its delivery could not be settled (it is delivered again once its claim ends): {}",
                    event.eventId(), e.toString());
        }
    }

    /** Hands a claimed event back at once, for the next relay, keeping the sinks that have it. */
    private void release(OutboxEntry entry, Set<String> done) {
        try {
            outbox.retry(id, entry.event().eventId(), entry.attempts(), done, clock.instant(), "relay stopped");
        } catch (RuntimeException e) {
            LOG.debug("Consent event {}: could not be released, its claim ends by itself: {}", entry.event().eventId(), e.toString());
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /**
     * The wait after {@code attempts} failures: the initial back-off doubled per earlier failure, capped, then a random
     * point in its upper half (jitter, so that retries of many events spread out).
     */
    Duration backoff(int attempts) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long wait = attempts >= 40 ? cap : Math.min(cap, base << Math.min(attempts - 1, 40));
        if (wait <= 1) {
            return Duration.ofMillis(wait);
        }
        long jitter;
        synchronized (random) {
            jitter = (long) (random.nextDouble() * (wait / 2));
        }
        return Duration.ofMillis(wait - wait / 2 + jitter);
    }

    /**
     * Stops polling and delivering: deliveries under way are interrupted and their events released for the next relay.
     * Waits up to 10 s for the threads to end.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        workers.shutdownNow();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Told of each delivery outcome, e.g. to count it; called on the relay's threads, so quick and thread-safe. */
    public interface Listener {
        /**
         * An event reached a sink.
         *
         * @param event the event
         * @param sink the sink's name
         */
        default void delivered(ConsentEvent event, String sink) {
        }

        /**
         * An attempt failed; the event will be tried again.
         *
         * @param event the event
         * @param attempts the failed attempts so far
         * @param error what failed
         */
        default void retried(ConsentEvent event, int attempts, String error) {
        }

        /**
         * The event was given up on.
         *
         * @param event the event
         * @param attempts the failed attempts
         * @param error the last failure
         */
        default void deadLettered(ConsentEvent event, int attempts, String error) {
        }
    }

    /** Builds an {@link OutboxRelay}. */
    public static final class Builder {
        private final ConsentOutbox outbox;
        private final List<ConsentEventSink> sinks = new ArrayList<>();
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration lease = Duration.ofMinutes(2);
        private Duration pollInterval = Duration.ofSeconds(1);
        private int batchSize = 100;
        private int threads = 4;
        private Clock clock = Clock.systemUTC();
        private Listener listener = new Listener() { };
        private Random random = new Random();

        private Builder(ConsentOutbox outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
        }

        /**
         * Adds a sink; every event goes to every sink.
         *
         * @param sink the sink, its name unlike the others'
         * @return this builder
         */
        public Builder sink(ConsentEventSink sink) {
            Objects.requireNonNull(sink, "sink");
            if (!WebhookSink.NAME.matcher(sink.name()).matches()) {
                throw new IllegalArgumentException("a sink's name must match " + WebhookSink.NAME.pattern() + ", got " + sink.name());
            }
            if (sinks.stream().anyMatch(s -> s.name().equals(sink.name()))) {
                throw new IllegalArgumentException("two sinks are named " + sink.name());
            }
            sinks.add(sink);
            return this;
        }

        /**
         * Attempts before an event is dead-lettered (default {@value OutboxRelay#DEFAULT_MAX_ATTEMPTS}).
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The back-off: the wait after the first failure, doubled after each further one up to {@code max}, with jitter.
         *
         * @param initial positive
         * @param max at least {@code initial}
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("the back-off needs 0 < initial <= max");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * How long a claim holds (default 2 minutes): longer than delivering to every sink takes (their timeouts added).
         * A relay that dies leaves its events waiting this long.
         *
         * @param lease positive
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            return this;
        }

        /**
         * The wait between rounds that found nothing more to do (default 1 s).
         *
         * @param pollInterval positive
         * @return this builder
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /**
         * The most events claimed per round (default 100).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1");
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * How many events are delivered at once (default 4), each of another subject.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * The clock of claims, back-off and lag.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Told of every outcome (e.g. metrics).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The source of the back-off's jitter (tests pass a seeded one).
         *
         * @param random the source
         * @return this builder
         */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Builds the relay (not started).
         *
         * @return the relay
         * @throws IllegalStateException without a sink
         */
        public OutboxRelay build() {
            if (sinks.isEmpty()) {
                throw new IllegalStateException("a relay needs at least one sink");
            }
            return new OutboxRelay(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
