package dev.samtykke.spring.autoconfigure;

import dev.samtykke.core.consent.ConsentDecision;
import dev.samtykke.core.consent.ConsentMethod;
import dev.samtykke.core.ledger.ConsentLedger;
import dev.samtykke.core.ledger.InMemoryConsentLedger;
import dev.samtykke.core.ledger.NewConsentRecord;
import dev.samtykke.core.ledger.PurgeLock;
import dev.samtykke.core.ledger.RetentionRun;
import dev.samtykke.core.ledger.jdbc.JdbcConsentLedger;
import dev.samtykke.core.ledger.jdbc.JdbcPurgeLock;
import dev.samtykke.core.policy.ConsentPolicy;
import dev.samtykke.core.policy.TimeSpan;
import dev.samtykke.spring.internal.RetentionMetrics;
import dev.samtykke.spring.internal.RetentionScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.DEV;
import static dev.samtykke.spring.autoconfigure.SamtykkeAutoConfigurationTest.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled purge: its defaults, its properties, the lock it takes and what it counts. */
class RetentionConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, SamtykkeAutoConfiguration.class))
            .withPropertyValues(POLICY, DEV, "spring.datasource.url=jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

    @Test
    void isOnByDefaultKeepingRecordsThreeYearsAfterTheyExpireAndPurgingDailyAtHalfPastThreeUnderTheDatabaseLock() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RetentionRun.class).hasSingleBean(RetentionScheduler.class);
            RetentionRun run = context.getBean(RetentionRun.class);
            assertThat(run.retention().overall()).isEqualTo(TimeSpan.parse("P3Y"));
            ConsentPolicy policy = context.getBean(ConsentPolicy.class);
            assertThat(run.retention().purposes()).as("the policy's retention of each consent-based purpose")
                    .containsOnlyKeys(policy.consentPurposes().stream().map(p -> p.id()).toList());
            assertThat(context.getBean(RetentionScheduler.class).schedule()).isEqualTo("0 30 3 * * *");
            assertThat(context.getBean(RetentionScheduler.class).isRunning()).isTrue();
            assertThat(context.getBean(PurgeLock.class)).isInstanceOf(JdbcPurgeLock.class)
                    .isSameAs(((JdbcConsentLedger) context.getBean(ConsentLedger.class)).purgeLock());
        });
    }

    @Test
    void isOffWhenDisabled() {
        runner.withPropertyValues("samtykke.ledger.retention.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(RetentionRun.class).doesNotHaveBean(RetentionScheduler.class));
    }

    @Test
    void takesThePeriodTheScheduleAndALongerRetentionForAPurpose() {
        runner.withPropertyValues("samtykke.ledger.retention.period=P1Y", "samtykke.ledger.retention.schedule=0 0 4 * * SUN",
                "samtykke.ledger.retention.purposes.analytics=P6Y").run(context -> {
            RetentionRun run = context.getBean(RetentionRun.class);
            assertThat(run.retention().overall()).isEqualTo(TimeSpan.parse("P1Y"));
            assertThat(run.retention().purposes()).containsEntry("analytics", TimeSpan.parse("P6Y"));
            assertThat(run.retention().longest()).isEqualTo(TimeSpan.parse("P6Y"));
            assertThat(context.getBean(RetentionScheduler.class).schedule()).isEqualTo("0 0 4 * * SUN");
        });
    }

    @Test
    void refusesToStartWithAPeriodOrScheduleItCannotRead() {
        runner.withPropertyValues("samtykke.ledger.retention.period=3 years").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("samtykke.ledger.retention.period must be an ISO-8601 period"));
        runner.withPropertyValues("samtykke.ledger.retention.purposes.analytics=session").run(context -> assertThat(context)
                .hasFailed());
        runner.withPropertyValues("samtykke.ledger.retention.schedule=daily").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aRunPurgesAndIsCountedWithoutPersonalDataInTheTags() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            ConsentLedger ledger = context.getBean(ConsentLedger.class);
            ConsentPolicy policy = context.getBean(ConsentPolicy.class);
            Instant longAgo = Instant.now().minus(Duration.ofDays(6 * 366));
            for (int i = 0; i < 3; i++) {
                ledger.append(NewConsentRecord.of(new ConsentDecision("old-visitor-" + i, policy.id(), policy.version(),
                        Map.of(), ConsentMethod.REJECT_ALL, longAgo, longAgo.plus(Duration.ofDays(180))), policy, Locale.ENGLISH, "/"));
            }

            RetentionRun.Result result = context.getBean(RetentionScheduler.class).runNow();

            assertThat(result.status()).isEqualTo(RetentionRun.Status.PURGED);
            assertThat(result.purged().recordsEmptied()).isEqualTo(3);
            assertThat(ledger.latest("old-visitor-1")).isEmpty();
            assertThat(ledger.verify().isIntact()).isTrue();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(RetentionMetrics.RUNS).tag("outcome", "purged").counter().count()).isEqualTo(1);
            assertThat(registry.get(RetentionMetrics.RECORDS).counter().count()).isEqualTo(3);
            assertThat(registry.get(RetentionMetrics.EVENTS).counter().count()).isEqualTo(result.purged().eventsWritten());
            assertThat(registry.get(RetentionMetrics.DURATION).tag("outcome", "purged").timer().count()).isEqualTo(1);

            // another instance holds the lock: this one skips, and says so in the counters
            Optional<PurgeLock.Held> other = ((JdbcConsentLedger) ledger).purgeLock().tryAcquire();
            try {
                assertThat(context.getBean(RetentionScheduler.class).runNow().status()).isEqualTo(RetentionRun.Status.SKIPPED);
            } finally {
                other.ifPresent(PurgeLock.Held::close);
            }
            assertThat(registry.get(RetentionMetrics.RUNS).tag("outcome", "skipped").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void runsOnItsScheduleOnAThreadOfItsOwnWithoutTheApplicationEnablingScheduling() {
        runner.withPropertyValues("samtykke.ledger.type=memory", "samtykke.ledger.retention.schedule=* * * * * *")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    assertThat(context.getBean(ConsentLedger.class)).isInstanceOf(InMemoryConsentLedger.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (registry.find(RetentionMetrics.RUNS).counter() == null && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(registry.get(RetentionMetrics.RUNS).tag("outcome", "purged").counter().count()).isPositive();
                    RetentionScheduler scheduler = context.getBean(RetentionScheduler.class);
                    context.stop();
                    assertThat(scheduler.isRunning()).isFalse();
                });
    }

    @Test
    void partitioningByMonthIsRefusedOnADatabaseOtherThanPostgresql() {
        runner.withPropertyValues("samtykke.ledger.partitioning=monthly").run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("partitioning by month needs PostgreSQL"));
    }
}
