package dev.samtykke.spring.internal;

import dev.samtykke.core.ledger.RetentionRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs the ledger's {@link RetentionRun} on a cron schedule, on a scheduler thread of its own (daemon, named
 * {@code samtykke-retention}), started and stopped with the application context: the application need not enable
 * Spring's scheduling, and its own scheduler is not used. Each run's outcome goes to the observers (the metrics).
 */
public final class RetentionScheduler implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduler.class);

    /** Told of each run. */
    public interface Observer {
        /**
         * A run ended.
         *
         * @param result what it did, or {@code null} when it failed
         * @param duration how long it took
         */
        void ran(RetentionRun.Result result, Duration duration);
    }

    private final RetentionRun run;
    private final CronTrigger trigger;
    private final List<Observer> observers;
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> scheduled;

    /**
     * @param run the run
     * @param cron a Spring cron expression
     * @param observers told of each run
     * @throws IllegalArgumentException if the cron expression is invalid
     */
    public RetentionScheduler(RetentionRun run, String cron, List<Observer> observers) {
        this.run = Objects.requireNonNull(run, "run");
        this.trigger = new CronTrigger(Objects.requireNonNull(cron, "cron"));
        this.observers = List.copyOf(observers);
    }

    /**
     * Runs the purge now, on the calling thread (as the schedule does); a failure is logged and counted, not thrown.
     *
     * @return what it did, or {@code null} if it failed
     */
    public RetentionRun.Result runNow() {
        long t0 = System.nanoTime();
        RetentionRun.Result result = null;
        try {
            result = run.run();
        } catch (RuntimeException e) {
            LOG.debug("Consent ledger purge failed", e); // RetentionRun logged it at WARN, without personal data
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        for (Observer o : observers) {
            o.ran(result, took);
        }
        return result;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setThreadNamePrefix("samtykke-retention-");
        s.setDaemon(true);
        s.setPoolSize(1);
        s.initialize();
        scheduled = s.schedule(this::runNow, trigger);
        scheduler = s;
        LOG.info("Consent ledger purge scheduled ({}), keeping records {} after they expire", trigger.getExpression(),
                run.retention().longest());
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduled.cancel(false);
        scheduler.shutdown();
        scheduler = null;
        scheduled = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** The cron expression. */
    public String schedule() {
        return trigger.getExpression();
    }
}
